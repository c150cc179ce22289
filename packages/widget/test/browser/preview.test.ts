/**
 * `<repruv-chat preview>` fed a `look`, as the console's site editor shows it: the site's look
 * at once, no API call of any kind, and a panel that takes no input.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, startHarness, type WidgetHarness } from './support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The console's own policy: scripts from the server only, nothing inline. */
const CONSOLE_LIKE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'";

/** A page of the server's origin that loads the element through the stable `widget/panel.js`. */
async function previewPage(page: Page): Promise<string[]> {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  const url = `${h.t.url}/preview-host.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': CONSOLE_LIKE_CSP },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head>
<body><main><button>Before</button>
<repruv-chat preview display="inline" site-key="pk_dev"></repruv-chat>
<button>After</button></main>
<script type="module" src="/widget/panel.js"></script></body></html>`,
    }),
  );
  await page.goto(url);
  await page.evaluate(() => customElements.whenDefined('repruv-chat'));
  return requests;
}

const setLook = (page: Page, look: object) =>
  page.evaluate(async (look) => {
    const chat = document.querySelector('repruv-chat')!;
    chat.look = look;
    await chat.updateComplete;
  }, look);

const headerBackground = (page: Page) =>
  page.locator('[part="header"]').evaluate((el) => getComputedStyle(el).backgroundColor);

describe('a preview of the widget', () => {
  it('shows the look it is given at once and calls no API, even to send', async () => {
    const page = await h.visitor();
    const requests = await previewPage(page);
    await setLook(page, {
      title: 'Ask the blog',
      primary_color: '#0f766e',
      quick_prompts: ['What is new?', 'Best post?'],
    });
    expect(await page.locator('[part="title"]').textContent()).toContain('Ask the blog');
    expect(await headerBackground(page)).toBe('rgb(15, 118, 110)');
    expect(await page.locator('[part="quick-prompt"]').allTextContents()).toEqual([
      'What is new?',
      'Best post?',
    ]);

    // Another look replaces it in the same update: a light primary gets dark text.
    await setLook(page, { title: 'Help desk', primary_color: '#fde68a' });
    expect(await page.locator('[part="title"]').textContent()).toContain('Help desk');
    expect(await headerBackground(page)).toBe('rgb(253, 230, 138)');
    expect(await page.locator('[part="title"]').evaluate((el) => getComputedStyle(el).color)).toBe(
      'rgb(28, 29, 33)',
    );
    // Without prompts of its own, the widget's own show, as on a site without any.
    expect(await page.locator('[part="quick-prompt"]').count()).toBeGreaterThan(0);

    await page.evaluate(() => document.querySelector('repruv-chat')!.send('Hello?'));
    expect(await page.locator('.msg').count()).toBe(0);
    const api = requests.filter((path) => path.startsWith('/api/'));
    expect(api).toEqual([]);
    expect(requests).toContain('/widget/panel.js');
  });

  it('is inert: Tab goes past it, and a click on a quick prompt sends nothing', async () => {
    const page = await h.visitor();
    const requests = await previewPage(page);
    await setLook(page, { quick_prompts: ['What is new?'] });
    expect(await page.locator('[part="panel"]').getAttribute('inert')).toBe('');
    await page.getByRole('button', { name: 'Before' }).focus();
    await page.keyboard.press('Tab');
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('After');
    await page.locator('[part="quick-prompt"]').click({ force: true });
    expect(await page.locator('.msg').count()).toBe(0);
    expect(requests.filter((path) => path.startsWith('/api/'))).toEqual([]);
  });
});
