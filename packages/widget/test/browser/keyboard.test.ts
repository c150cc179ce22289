import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPage, poll, reply, startHarness, type WidgetHarness } from './support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** What has focus, through shadow roots: its label and whether it is inside the panel. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const panel = document.querySelector('repruv-chat')?.shadowRoot?.querySelector('.panel');
    return {
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? el?.tagName ?? null,
      inPanel: !!panel && !!el && panel.contains(el),
    };
  });
}

/** Presses `key` `times` times and records where focus lands after each press. */
async function tabStops(page: Page, key: string, times: number) {
  const stops: { label: string | null; inPanel: boolean }[] = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    stops.push(await focused(page));
  }
  return stops;
}

/** A host page with a link before and after the widget, opened with the keyboard. */
async function openWithKeyboard(page: Page, locale = 'en'): Promise<void> {
  await hostPage(page, h.t, {
    body: `<a href="#before">Before</a>
      <repruv-chat display="bubble" site-key="pk_dev" locale="${locale}"></repruv-chat>
      <a href="#after">After</a>`,
  });
  await page.locator('.launcher').waitFor();
  await page.locator('.launcher').focus();
  await page.keyboard.press('Enter');
  await poll(async () => (await focused(page)).inPanel).toBe(true);
}

describe('the bubble panel is a modal dialog', () => {
  it('keeps Tab inside, with one Close control; Escape closes and focus returns', async () => {
    const page = await h.visitor();
    await openWithKeyboard(page);
    expect(await page.locator('.panel').getAttribute('aria-modal')).toBe('true');
    // Conversations, New chat, Close, six prompts, Attach files, the input (Send is disabled
    // while it is empty).
    const cycle = 11;
    const forward = await tabStops(page, 'Tab', cycle * 2);
    expect(forward.every((stop) => stop.inPanel)).toBe(true);
    const labels = forward.map((stop) => stop.label);
    expect(labels.slice(cycle)).toEqual(labels.slice(0, cycle));
    expect(labels.slice(0, cycle).filter((label) => label === 'Close chat')).toHaveLength(1);
    expect(new Set(labels).size).toBe(cycle);
    const backward = await tabStops(page, 'Shift+Tab', cycle);
    expect(backward.every((stop) => stop.inPanel)).toBe(true);
    expect(backward.map((stop) => stop.label).filter((l) => l === 'Close chat')).toHaveLength(1);

    // Escape from anywhere in the panel, here the header's Close button.
    await page.locator('[part="close-button"]').focus();
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.panel').count()).toBe(0);
    expect(await focused(page)).toEqual({ label: 'Open chat', inPanel: false });
    // Closed, the launcher is an ordinary stop in the page's order again.
    expect((await tabStops(page, 'Tab', 1))[0]!.label).toBe('After');
  });

  it('says why Enter does not send while a reply streams, and keeps the draft', async () => {
    const page = await h.visitor();
    await openWithKeyboard(page, 'fr');
    const region = page.locator('.panel [aria-live="polite"]');
    const notice = page.locator('[part="notice"]');
    h.t.claude.enqueue({
      kind: 'text',
      chunks: Array.from({ length: 30 }, (_, i) => `mot${i} `),
      chunkDelayMs: 100,
    });
    await page.keyboard.type('Première question');
    await page.keyboard.press('Enter');
    await reply(page, 'mot1').waitFor();
    await page.keyboard.type('Deuxième');
    await page.keyboard.press('Enter');
    const wait = 'Attendez la fin de la réponse, ou arrêtez-la.';
    await poll(() => region.textContent()).toBe(wait);
    expect(await notice.textContent()).toBe(wait);
    expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Deuxième');
    expect(await page.locator('.msg.user').count()).toBe(1);
    // The notice goes with the reply; then Enter sends.
    await page.locator('.msg.assistant[aria-busy="false"]').waitFor({ timeout: 15_000 });
    await poll(() => notice.count()).toBe(0);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await reply(page, 'You said: Deuxième').waitFor();
    expect(await page.locator('.msg.user').count()).toBe(2);
  });
});
