import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  injectAxe,
  poll,
  screenshot,
  startHarness,
  transcript,
  type WidgetHarness,
} from './support.js';
import {
  PHONE_META,
  VIEWPORTS,
  drawer,
  getSession,
  item,
  items,
  layout,
  marks,
  openDrawerByKeyboard,
  scrollDrawerToEnd,
  seedSessions,
  sendThrough,
  titles,
  tokenOf,
} from './history-support.js';
import { chat, events, focused, openInlineChat, said, storedSession } from './tree-support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness({ CHAT_AUTO_TITLE: 'off' });
});
afterAll(async () => {
  await h?.close();
});

/** 24 plain sessions after the visitor's own, then "Launch plan" with two branches. */
const TOPICS = Array.from({ length: 24 }, (_, i) => `Topic ${String(i + 1).padStart(2, '0')}`);

describe.each(VIEWPORTS)('the conversations drawer (%s)', (name, viewport) => {
  it('lists newest first and pages on scroll; searches as one types; opens a hit on its branch', async () => {
    const page = await h.visitor(viewport);
    await openInlineChat(h, page, 'display="fullscreen"', PHONE_META);
    await chat(page, 'Hello from the first chat');
    const token = await tokenOf(page);
    const first = (await storedSession(page))!;
    await seedSessions(h.t, token, TOPICS);
    const [launch] = await seedSessions(h.t, token, ['Launch plan']);
    const budget = await sendThrough(h.t, token, launch!.id, 'Video about budget strategy');
    // A second first message: its branch is the current one, the budget one is not.
    await sendThrough(h.t, token, launch!.id, 'Something else entirely', null);

    await openDrawerByKeyboard(page);
    await poll(() => items(page).count()).toBe(20);
    expect((await titles(page)).slice(0, 3)).toEqual(['Launch plan', 'Topic 24', 'Topic 23']);
    await poll(() => said(page)).toContain('More than 20 conversations');

    // Measured once its opening slide has ended.
    await poll(async () => (await layout(page)).drawer.x).toBeGreaterThanOrEqual(0);
    const box = await layout(page);
    if (name === 'phone') {
      // The whole panel, header included.
      expect(box.drawer).toEqual(box.panel);
    } else {
      // A side drawer over the transcript, below the header.
      expect(box.drawer.width).toBeLessThan(box.panel.width / 2);
      expect(box.drawer.y).toBeGreaterThanOrEqual(box.header.y + box.header.height - 1);
    }
    await screenshot(page, `history-${name}`);

    // Scrolling near the end loads the next page; the conversation shown is marked.
    await scrollDrawerToEnd(page);
    await poll(() => items(page).count()).toBe(26);
    expect((await titles(page)).at(-1)).toBe('New Chat');
    expect(await item(page, 'New Chat').locator('[aria-current="true"]').count()).toBe(1);
    expect(await item(page, 'Topic 01').locator('[aria-current]').count()).toBe(0);

    // Tab stays inside the drawer; Escape closes it and focus goes back to the button.
    for (const key of ['Shift+Tab', 'Shift+Tab', 'Tab']) {
      await page.keyboard.press(key);
      expect(await page.locator('.history :focus').count(), key).toBe(1);
    }
    await page.keyboard.press('Escape');
    await poll(() => drawer(page).count()).toBe(0);
    expect((await focused(page)).part).toBe('history-button');
    expect(await page.locator('[part="history-button"]').getAttribute('aria-expanded')).toBe(
      'false',
    );

    // Search as one types: a prefix of a word in a message on the other branch.
    await openDrawerByKeyboard(page);
    await page.keyboard.type('zzqx');
    await poll(() => page.locator('[part="history-empty"]').textContent()).toContain(
      'No conversations match',
    );
    await page.locator('[part="search-input"]').fill('');
    await page.keyboard.type('budg');
    await poll(() => titles(page)).toEqual(['Launch plan']);
    const marked = await marks(page);
    expect(marked.length).toBeGreaterThan(0);
    for (const text of marked) expect(text.toLowerCase()).toMatch(/^budg/);
    expect(await page.locator('.item-snippet').first().textContent()).toContain('strategy');

    // Enter opens the first hit, on its branch.
    await page.keyboard.press('Enter');
    await poll(() => drawer(page).count()).toBe(0);
    await poll(() => transcript(page)).toEqual([
      'user: Video about budget strategy',
      'assistant: You said: Video about budget strategy',
    ]);
    expect(await storedSession(page)).toBe(launch!.id);
    expect((await getSession(h.t, token, launch!.id)).current_message_id).toBe(
      budget.assistant_message.id,
    );
    const change = (await events(page, 'repruv-session-change')).at(-1)!.detail;
    expect(change).toMatchObject({ reason: 'open', sessionId: launch!.id });
    expect(first).not.toBe(launch!.id);
  });
});

describe('the drawer, safely and accessibly', () => {
  it('shows snippets as text, never markup, and has no axe-core violations', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Ideas for a cooking channel');
    const token = await tokenOf(page);
    const [other] = await seedSessions(h.t, token, ['Channel art']);
    const hostile = '<b>bold</b> cooking <img src=x onerror="window.__pwned=1">';
    await sendThrough(h.t, token, other!.id, hostile);
    await openDrawerByKeyboard(page);
    await page.keyboard.type('cook');
    await poll(() => marks(page)).toEqual(['cooking', 'cooking']);
    const snippet = await item(page, 'Channel art').locator('.item-snippet').textContent();
    expect(snippet).toContain('<b>bold</b> cooking <img');
    expect(await page.locator('.item-snippet b, .item-snippet img').count()).toBe(0);
    expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run()).violations.map((v) => JSON.stringify(v).slice(0, 1500));
    });
    expect(violations).toEqual([]);
  });
});

describe('the drawer in another locale', () => {
  it("speaks German from the locale's chunk", async () => {
    const page = await h.visitor();
    await openInlineChat(h, page, 'locale="de"');
    await page.getByRole('button', { name: 'Unterhaltungen', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Unterhaltungen durchsuchen' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Unterhaltungen' }).count()).toBe(1);
    await poll(() => page.locator('[part="history-empty"]').textContent()).toContain(
      'Noch keine Unterhaltungen',
    );
    await poll(() => said(page)).toContain('Noch keine Unterhaltungen');
    expect(await page.locator('[part="history-close"]').getAttribute('aria-label')).toBe(
      'Unterhaltungen schließen',
    );
  });
});

describe('the drawer in the bubble panel', () => {
  it('Escape closes the drawer first, then the panel; New chat starts one and closes it', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page, 'display="bubble" open');
    await chat(page, 'A question in the bubble');
    await openDrawerByKeyboard(page);
    expect(await page.locator('.panel').getAttribute('aria-modal')).toBe('true');
    await page.keyboard.press('Escape');
    await poll(() => drawer(page).count()).toBe(0);
    expect(await page.locator('.panel').count()).toBe(1);
    expect((await focused(page)).part).toBe('history-button');

    await page.keyboard.press('Enter');
    await page.locator('[part="history-new-chat"]').click();
    await poll(() => drawer(page).count()).toBe(0);
    await poll(() => storedSession(page)).toBe('');
    expect(await transcript(page)).toEqual([]);
    expect((await focused(page)).part).toBe('input');
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.panel').count()).toBe(0);
  });
});
