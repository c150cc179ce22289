/**
 * Helpers of the conversation-tree and feedback tests: an inline chat on a host page that
 * records the widget's events and what its live region says, and ways to read a message
 * row's controls and where focus is.
 */
import type { Page } from 'playwright-core';
import { hostPage, poll, reply, type WidgetHarness } from './support.js';

const EVENTS = [
  'repruv-feedback',
  'repruv-branch-change',
  'repruv-session-change',
  'repruv-error',
] as const;

export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
}

/**
 * An inline `<repruv-chat>` for a new visitor, its input shown (`head`: markup for the page's
 * `<head>`, e.g. a viewport meta tag for a phone). The page records the
 * widget's tree events in `window.__events` and every text of the live region in
 * `window.__said`.
 */
export async function openInlineChat(
  h: WidgetHarness,
  page: Page,
  attributes = '',
  head = '',
): Promise<void> {
  await hostPage(page, h.t, {
    head,
    body: `<h1>A host page</h1><repruv-chat site-key="pk_dev" ${attributes}></repruv-chat>`,
    script: `window.__said = [];
      for (const type of ${JSON.stringify(EVENTS)}) {
        document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
      }
      customElements.whenDefined('repruv-chat').then(() => {
        const root = document.querySelector('repruv-chat').shadowRoot;
        const start = () => {
          const region = root.querySelector('[aria-live="polite"]');
          if (!region) return requestAnimationFrame(start);
          new MutationObserver(() => window.__said.push(region.textContent.trim())).observe(region, {
            subtree: true, childList: true, characterData: true,
          });
        };
        start();
      });`,
  });
  await page.locator('[part="input"]').waitFor();
}

/** Types `text` into the composer and sends it, then waits for its whole echoed reply. */
export async function chat(page: Page, text: string, answer = `You said: ${text}`) {
  await poll(() => page.locator('.msg[aria-busy="true"]').count()).toBe(0);
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await input.press('Enter');
  await reply(page, answer).waitFor();
  await poll(() => page.locator('.msg[aria-busy="true"]').count()).toBe(0);
}

/** The `n`th message row (0 = the oldest shown). */
export const row = (page: Page, n: number) => page.locator('.msg').nth(n);

/** A control of the `n`th row by its part name, e.g. `edit-button`. */
export const control = (page: Page, n: number, part: string) =>
  row(page, n).locator(`[part~="${part}"]`);

/** The "2 / 3" of the `n`th row, or null when it has no other version. */
export async function versions(page: Page, n: number): Promise<string | null> {
  const nav = row(page, n).locator('[part~="sibling-nav"]');
  if ((await nav.count()) === 0) return null;
  return (await nav.locator('span').textContent())!.replace(/\s+/g, ' ').trim();
}

/** The host page's record of the widget's events of `type`. */
export function events(page: Page, type: string): Promise<RecordedEvent[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __events: RecordedEvent[] }).__events.filter((e) => e.type === t),
    type,
  );
}

/** Every distinct text the live region said, in order. */
export async function said(page: Page): Promise<string[]> {
  const all = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
  return all.filter((text, i) => text && text !== all[i - 1]);
}

/** What has focus, through the shadow root: its part name (or label) and its row's index. */
export function focused(page: Page): Promise<{ part: string | null; row: number }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const rows = [...document.querySelector('repruv-chat')!.shadowRoot!.querySelectorAll('.msg')];
    const at = rows.findIndex((r) => r.contains(el));
    return { part: el?.getAttribute('part') ?? el?.getAttribute('aria-label') ?? null, row: at };
  });
}

/** Presses Tab until the control named `part` (of row `n`, when given) has focus. */
export async function tabTo(page: Page, part: string, n?: number, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now.part === part && (n === undefined || now.row === n)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${part}${n === undefined ? '' : ` of row ${n}`}`);
}

/** The visitor's stored session id. */
export const storedSession = (page: Page) =>
  page.evaluate(() => localStorage.getItem('repruv.session.pk_dev'));
