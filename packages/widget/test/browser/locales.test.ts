import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPage, poll, startHarness, type WidgetHarness } from './support.js';

/*
 * The panel carries English only; every other locale is a chunk of its own
 * (`chunks/<locale>-[hash].js`), loaded before the panel's first render of text.
 */

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const LOCALE_CHUNK = /\/chunks\/(es|fr|de|pt)-[\w-]+\.js$/;

/** Opens an inline chat with `attributes`; resolves with the shadow root's first rendered markup. */
async function openChat(page: Page, attributes: string): Promise<{ first: () => Promise<string> }> {
  await hostPage(page, h.t, {
    body: `<repruv-chat display="inline" site-key="pk_dev" ${attributes}></repruv-chat>`,
    // The first mutation of the shadow root is the first render: keep its markup.
    script: `customElements.whenDefined('repruv-chat').then(() => {
      const root = document.querySelector('repruv-chat').shadowRoot;
      const observer = new MutationObserver(() => {
        window.__first = root.innerHTML;
        observer.disconnect();
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    });`,
  });
  await page.getByRole('textbox').waitFor();
  return { first: () => page.evaluate(() => (window as unknown as { __first: string }).__first) };
}

/** The locale chunks the page requests, by locale. */
function localeRequests(page: Page): string[] {
  const locales: string[] = [];
  page.on('request', (request) => {
    const match = LOCALE_CHUNK.exec(new URL(request.url()).pathname);
    if (match) locales.push(match[1]!);
  });
  return locales;
}

describe('locale chunks', () => {
  it('shows a Spanish visitor Spanish on first render, from the Spanish chunk', async () => {
    const page = await h.visitor();
    const requested = localeRequests(page);
    const { first } = await openChat(page, 'locale="es"');
    const markup = await first();
    expect(markup).toContain('Nuevo chat');
    expect(markup).toContain('Mensaje');
    expect(markup).not.toContain('New chat');
    expect(markup).not.toContain('How can I help');
    expect(requested).toEqual(['es']);
    await page.getByRole('heading', { name: '¿En qué puedo ayudarte hoy?' }).waitFor();

    // A later change of locale loads that locale's chunk too.
    await page.evaluate(() => {
      document.querySelector('repruv-chat')!.locale = 'de-AT';
    });
    await page.getByRole('textbox', { name: 'Nachricht' }).waitFor();
    await page.getByRole('button', { name: 'Neuer Chat' }).waitFor();
    expect(requested).toEqual(['es', 'de']);
    await page.close();
  });

  it('never requests a locale chunk for an English visitor', async () => {
    const page = await h.visitor();
    const requested = localeRequests(page);
    await openChat(page, 'locale="en-GB"');
    await page.getByRole('heading', { name: 'How can I help today?' }).waitFor();
    expect(requested).toEqual([]);
    await page.close();
  });

  it("falls back to English when the locale's chunk fails to load, and keeps working", async () => {
    const page = await h.visitor();
    await page.route(LOCALE_CHUNK, (route) => route.abort());
    await openChat(page, 'locale="fr" title="Studio"');
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.getByRole('button', { name: 'New chat' }).waitFor();
    await poll(() => page.getByRole('heading', { name: 'Studio' }).count()).toBe(1);
    await page.close();
  });
});
