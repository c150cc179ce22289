import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHash } from '../../../server/test/support/guests.js';
import {
  hostPage,
  poll,
  reply,
  startHarness,
  transcript,
  type VisitorOptions,
  type WidgetHarness,
} from './support.js';
import {
  PHONE_META,
  VIEWPORTS,
  drawer,
  getSession,
  item,
  openDrawerByKeyboard,
  seedSessions,
  sessionStatus,
  titles,
  tokenOf,
} from './history-support.js';
import { chat, focused, openInlineChat, said, storedSession } from './tree-support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness({ CHAT_AUTO_TITLE: 'off' });
});
afterAll(async () => {
  await h?.close();
});

/** A control of the item titled `title`, by its part name. */
const control = (page: Page, title: string, part: string) =>
  item(page, title).locator(`[part~="${part}"]`);

/** A new visitor who has chatted once (so has a token and a session), with `others` seeded. */
async function visitorWith(others: string[], viewport: VisitorOptions) {
  const page = await h.visitor(viewport);
  await openInlineChat(h, page, 'display="fullscreen"', PHONE_META);
  await chat(page, 'The conversation shown');
  const token = await tokenOf(page);
  const seeded = await seedSessions(h.t, token, others);
  await openDrawerByKeyboard(page);
  await poll(() => titles(page)).toEqual([...others].reverse().concat('New Chat'));
  return { page, token, seeded };
}

describe.each(VIEWPORTS)('the conversations drawer (%s): keeping conversations', (_, viewport) => {
  it('renames in place (Escape cancels, Enter saves), archives and unarchives', async () => {
    const { page, token, seeded } = await visitorWith(['Old name', 'Keep me'], viewport);
    const [renamed, kept] = seeded;

    expect(await control(page, 'Old name', 'rename-button').getAttribute('aria-label')).toBe(
      'Rename Old name',
    );
    await control(page, 'Old name', 'rename-button').click();
    const input = page.locator('[part="rename-input"]');
    await poll(async () => (await focused(page)).part).toBe('rename-input');
    await input.fill('Not this');
    await input.press('Escape');
    await poll(async () => (await focused(page)).part).toBe('rename-button');
    expect(await drawer(page).count()).toBe(1);
    expect((await getSession(h.t, token, renamed!.id)).title).toBe('Old name');

    await control(page, 'Old name', 'rename-button').click();
    await input.fill('New name');
    await input.press('Enter');
    await poll(() => titles(page)).toEqual(['Keep me', 'New name', 'New Chat']);
    await poll(() => said(page)).toContain('Renamed');
    expect((await getSession(h.t, token, renamed!.id)).title).toBe('New name');

    await control(page, 'Keep me', 'archive-button').click();
    await poll(() => titles(page)).toEqual(['New name', 'New Chat']);
    expect((await getSession(h.t, token, kept!.id)).status).toBe('archived');
    const toggle = page.locator('[part="archived-toggle"]');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await poll(() => titles(page)).toEqual(['Keep me']);
    const unarchive = control(page, 'Keep me', 'archive-button');
    expect(await unarchive.getAttribute('aria-label')).toBe('Unarchive Keep me');
    await unarchive.click();
    await poll(() => page.locator('[part="history-empty"]').textContent()).toContain(
      'No archived conversations',
    );
    await toggle.click();
    await poll(() => titles(page)).toContain('Keep me');
    expect((await getSession(h.t, token, kept!.id)).status).toBe('active');
  });

  it('deletes after a confirmation: Undo keeps it; otherwise it is gone once the notice ends', async () => {
    const { page, token, seeded } = await visitorWith(['Delete me', 'Undo me'], viewport);
    const [doomed, saved] = seeded;
    const current = (await storedSession(page))!;

    // Undo, before the time is up: nothing is deleted.
    await control(page, 'Undo me', 'delete-button').click();
    await poll(async () => (await focused(page)).part).toBe('delete-confirm');
    await control(page, 'Undo me', 'delete-confirm').click();
    await poll(() => titles(page)).toEqual(['Delete me', 'New Chat']);
    expect(await page.locator('[part="undo-notice"]').textContent()).toContain('Deleted');
    await poll(() => said(page)).toContain('Deleted');
    await page.locator('[part="undo-button"]').click();
    await poll(() => titles(page)).toEqual(['Undo me', 'Delete me', 'New Chat']);

    // Deleting the conversation shown starts a new chat; Undo brings it back.
    await control(page, 'New Chat', 'delete-button').click();
    await control(page, 'New Chat', 'delete-confirm').click();
    await poll(() => storedSession(page)).toBe('');
    expect(await transcript(page)).toEqual([]);
    await page.locator('[part="undo-button"]').click();
    await poll(() => storedSession(page)).toBe(current);
    await reply(page, 'You said: The conversation shown').waitFor();

    // No Undo: the DELETE goes once the notice's time is up.
    await control(page, 'Delete me', 'delete-button').click();
    await control(page, 'Delete me', 'delete-confirm').click();
    await poll(() => titles(page)).toEqual(['Undo me', 'New Chat']);
    expect(await sessionStatus(h.t, token, doomed!.id)).toBe(200);
    await expect
      .poll(() => sessionStatus(h.t, token, doomed!.id), { timeout: 20_000, interval: 200 })
      .toBe(404);
    await poll(() => page.locator('[part="undo-notice"]').count()).toBe(0);
    // The ones undone are still there, on the server too.
    expect(await sessionStatus(h.t, token, saved!.id)).toBe(200);
    expect(await sessionStatus(h.t, token, current)).toBe(200);
  });

  it('exports Markdown and PDF as downloads named by the server', async () => {
    const { page } = await visitorWith([], viewport);
    const download = async (format: string) => {
      await control(page, 'New Chat', 'export-button').click();
      expect(await control(page, 'New Chat', 'export-button').getAttribute('aria-expanded')).toBe(
        'true',
      );
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        item(page, 'New Chat').locator(`[part="export-format"][data-format="${format}"]`).click(),
      ]);
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
    };
    const markdown = await download('md');
    expect(markdown.name).toBe('New Chat.md');
    const text = markdown.bytes.toString('utf8');
    expect(text).toContain('The conversation shown');
    expect(text).toContain('You said: The conversation shown');
    const pdf = await download('pdf');
    expect(pdf.name).toBe('New Chat.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('a visitor the host has signed in', () => {
  it('sees the conversations of every device in the drawer', async () => {
    const site = await h.t.server.sites.add('Drawer identity host', [h.t.url]);
    const body = `<repruv-chat site-key="${site.site_key}" user-id="drawer-user" user-hash="${userHash(site.identity_secret!, 'drawer-user')}"></repruv-chat>`;
    const laptop = await h.visitor();
    await hostPage(laptop, h.t, { body });
    await chat(laptop, 'First topic on the laptop');
    await laptop.locator('[part="new-chat-button"]').click();
    await chat(laptop, 'Second topic on the laptop');

    // Another browser, no storage shared: the latest conversation, and the other in the drawer.
    const phone = await h.visitor({ width: 390, height: 844, isMobile: true });
    await hostPage(phone, h.t, { body });
    await reply(phone, 'You said: Second topic on the laptop').waitFor();
    await openDrawerByKeyboard(phone);
    await poll(() => titles(phone)).toHaveLength(2);
    await phone.locator('[part="history-open"]:not([aria-current])').click();
    await poll(() => transcript(phone)).toEqual([
      'user: First topic on the laptop',
      'assistant: You said: First topic on the laptop',
    ]);
  });
});
