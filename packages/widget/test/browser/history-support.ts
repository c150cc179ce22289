/**
 * Helpers of the conversations drawer tests: sessions seeded through the server's API as the
 * visitor, the drawer opened by keyboard, and ways to read its items.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  apiGet,
  apiPost,
  poll,
  visitorAuth,
  type TestServer,
  type VisitorOptions,
} from './support.js';
import { focused, tabTo } from './tree-support.js';

/** The drawer's tests run on both: a side drawer on the desktop, the whole panel on a phone. */
export const VIEWPORTS: [string, VisitorOptions][] = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844, isMobile: true }],
];

/** Without it a phone lays the page out 980 px wide. */
export const PHONE_META = '<meta name="viewport" content="width=device-width, initial-scale=1">';

export interface ApiSession {
  id: string;
  title: string;
  status: string;
  current_message_id: string | null;
}

interface SendResult {
  user_message: { id: string };
  assistant_message: { id: string };
}

/** The visitor's guest token (the widget stored it once it first talked to the API). */
export async function tokenOf(page: Page): Promise<string> {
  return (await visitorAuth(page)).token;
}

/** Creates sessions titled `titles`, in that order (so the last is the newest). */
export async function seedSessions(t: TestServer, token: string, titles: string[]) {
  const sessions: ApiSession[] = [];
  for (const title of titles) {
    sessions.push(await apiPost<ApiSession>(t, token, '/chat/sessions', { title }));
  }
  return sessions;
}

/** Sends `content` in a session and waits for its reply; `parentId: null` starts another branch. */
export function sendThrough(
  t: TestServer,
  token: string,
  sessionId: string,
  content: string,
  parentId?: string | null,
) {
  const body = {
    session_id: sessionId,
    content,
    ...(parentId !== undefined && { parent_id: parentId }),
  };
  return apiPost<SendResult>(t, token, '/chat/messages', body);
}

export const getSession = (t: TestServer, token: string, id: string) =>
  apiGet<ApiSession>(t, token, `/chat/sessions/${id}`);

/** The status of GET /chat/sessions/{id}: 200 while it exists, 404 once deleted. */
export async function sessionStatus(t: TestServer, token: string, id: string): Promise<number> {
  const res = await fetch(`${t.api}/chat/sessions/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.status;
}

export const drawer = (page: Page) => page.locator('[part="history-panel"]');
export const items = (page: Page) => page.locator('[part="history-item"]');

/** The item whose title is `title`. */
export const item = (page: Page, title: string) =>
  items(page).filter({ has: page.locator('.item-title', { hasText: new RegExp(`^${title}$`) }) });

/** The drawer's titles, in order. */
export const titles = (page: Page) =>
  page.locator('[part="history-item"] .item-title').allTextContents();

/** Tabs to the history button and presses Enter: the drawer opens with focus in its search box. */
export async function openDrawerByKeyboard(page: Page): Promise<void> {
  await tabTo(page, 'history-button');
  await page.keyboard.press('Enter');
  await drawer(page).waitFor();
  await poll(async () => (await focused(page)).part).toBe('search-input');
  expect(await page.locator('[part="history-button"]').getAttribute('aria-expanded')).toBe('true');
}

/** The texts of the marks in the snippets shown. */
export const marks = (page: Page) => page.locator('[part="history-item"] mark').allTextContents();

/** Scrolls the drawer's list to its end, as a person would. */
export function scrollDrawerToEnd(page: Page): Promise<void> {
  return page.evaluate(() => {
    const list = document
      .querySelector('repruv-chat')!
      .shadowRoot!.querySelector<HTMLElement>('.history-scroll')!;
    list.scrollTop = list.scrollHeight;
  });
}

/** The bounding boxes of the panel, its header and the drawer. */
export function layout(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('repruv-chat')!.shadowRoot!;
    const box = (selector: string) => {
      const { x, y, width, height } = root.querySelector(selector)!.getBoundingClientRect();
      return { x, y, width, height };
    };
    return { panel: box('.panel'), header: box('header'), drawer: box('.history') };
  });
}
