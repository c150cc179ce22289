import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGet,
  poll,
  reply,
  sessionMessages,
  startHarness,
  transcript,
  visitorAuth,
  type WidgetHarness,
} from './support.js';
import {
  chat,
  control,
  events,
  focused,
  openInlineChat,
  row,
  said,
  storedSession,
  versions,
} from './tree-support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The visitor's session as the API has it. */
async function apiSession(page: Page) {
  const { token, sessionId } = await visitorAuth(page);
  return apiGet<{ current_message_id: string | null }>(h.t, token, `/chat/sessions/${sessionId}`);
}

describe('editing a message', () => {
  it('edits in place: Escape cancels, Enter sends a new version; ‹ › switch back and forth', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'First question');
    await chat(page, 'Second question');

    // Escape leaves the message as it was, and focus returns to Edit.
    await control(page, 0, 'edit-button').click();
    const editor = control(page, 0, 'edit-input');
    await poll(() => focused(page)).toEqual({ part: 'edit-input', row: 0 });
    expect(await editor.inputValue()).toBe('First question');
    await editor.fill('Changed my mind');
    await editor.press('Escape');
    await poll(() => focused(page)).toEqual({ part: 'edit-button', row: 0 });
    expect(await transcript(page)).toEqual([
      'user: First question',
      'assistant: You said: First question',
      'user: Second question',
      'assistant: You said: Second question',
    ]);

    // Enter sends the new text beside the old one; the transcript below it goes.
    await control(page, 0, 'edit-button').click();
    await editor.fill('First, edited');
    await editor.press('Enter');
    await reply(page, 'You said: First, edited').waitFor();
    expect(await transcript(page)).toEqual([
      'user: First, edited',
      'assistant: You said: First, edited',
    ]);
    await poll(() => versions(page, 0)).toBe('2 / 2');
    expect(await control(page, 0, 'sibling-nav').getAttribute('aria-label')).toBe(
      'Showing version 2 of 2',
    );
    expect(await control(page, 0, 'sibling-next').isDisabled()).toBe(true);
    expect(await control(page, 0, 'sibling-prev').getAttribute('title')).toBe('Previous');
    expect(await control(page, 0, 'sibling-next').getAttribute('title')).toBe('Next');
    // Claude was asked the edited question alone: the old branch is not its context.
    const asked = h.t.claude.requests.at(-1)!.body.messages;
    expect(asked).toHaveLength(1);

    // Back to the first version: its whole branch returns.
    await control(page, 0, 'sibling-prev').click();
    await poll(() => transcript(page)).toEqual([
      'user: First question',
      'assistant: You said: First question',
      'user: Second question',
      'assistant: You said: Second question',
    ]);
    expect(await versions(page, 0)).toBe('1 / 2');
    // Focus stays on the navigation (on "next": "previous" is disabled at the first version).
    await poll(() => focused(page)).toEqual({ part: 'sibling-next', row: 0 });
    await poll(() => said(page)).toContain('Showing version 1 of 2');
    const { token, sessionId } = await visitorAuth(page);
    const shown = await sessionMessages(h.t, token, sessionId!);
    expect(shown.map((m) => m.content)).toEqual([
      'First question',
      'You said: First question',
      'Second question',
      'You said: Second question',
    ]);

    // And forth again.
    await control(page, 0, 'sibling-next').click();
    await poll(() => transcript(page)).toEqual([
      'user: First, edited',
      'assistant: You said: First, edited',
    ]);
    await poll(() => focused(page)).toEqual({ part: 'sibling-prev', row: 0 });
    // The edit showed a new branch, then each switch another.
    const edited = await sessionMessages(h.t, token, sessionId!);
    const editedBranch = { sessionId, messageId: edited[0]!.id, leafId: edited[1]!.id };
    expect((await events(page, 'repruv-branch-change')).map((e) => e.detail)).toEqual([
      editedBranch,
      { sessionId, messageId: shown[0]!.id, leafId: shown[3]!.id },
      editedBranch,
    ]);
    expect((await apiSession(page)).current_message_id).toBe(
      (await sessionMessages(h.t, token, sessionId!)).at(-1)!.id,
    );

    // A reload shows the branch chosen last.
    await page.reload();
    await reply(page, 'You said: First, edited').waitFor();
    expect(await versions(page, 0)).toBe('2 / 2');
  });

  it('edits a later message: the messages before it stay', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Alpha');
    await chat(page, 'Beta');
    await control(page, 2, 'edit-button').click();
    await control(page, 2, 'edit-input').fill('Gamma');
    await control(page, 2, 'save-button').click();
    await reply(page, 'You said: Gamma').waitFor();
    expect(await transcript(page)).toEqual([
      'user: Alpha',
      'assistant: You said: Alpha',
      'user: Gamma',
      'assistant: You said: Gamma',
    ]);
    expect(await versions(page, 2)).toBe('2 / 2');
    expect(await versions(page, 0)).toBe(null);
    // What Claude got: the branch's path, Alpha and its answer, then Gamma.
    const asked = h.t.claude.requests.at(-1)!.body.messages as { content: unknown }[];
    expect(JSON.stringify(asked)).toContain('Alpha');
    expect(JSON.stringify(asked)).not.toContain('Beta');
  });
});

describe('regenerating a reply', () => {
  it('streams another answer; ‹ › shows the old one and the branch below each', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    h.t.claude.enqueue({ kind: 'text', chunks: ['First joke.'] });
    await chat(page, 'Tell me a joke', 'First joke.');
    h.t.claude.enqueue({ kind: 'text', chunks: ['Second ', 'joke.'], chunkDelayMs: 100 });
    await control(page, 1, 'regenerate-button').click();
    await reply(page, 'Second joke.').waitFor();
    await poll(() => versions(page, 1)).toBe('2 / 2');
    const { token, sessionId } = await visitorAuth(page);
    const second = (await sessionMessages(h.t, token, sessionId!))[1]!.id;
    expect((await events(page, 'repruv-branch-change')).map((e) => e.detail)).toEqual([
      { sessionId, messageId: second, leafId: second },
    ]);
    await chat(page, 'Another');
    expect(await transcript(page)).toEqual([
      'user: Tell me a joke',
      'assistant: Second joke.',
      'user: Another',
      'assistant: You said: Another',
    ]);

    await control(page, 1, 'sibling-prev').click();
    await poll(() => transcript(page)).toEqual(['user: Tell me a joke', 'assistant: First joke.']);
    await poll(() => said(page)).toContain('Showing answer 1 of 2');
    await control(page, 1, 'sibling-next').click();
    await poll(() => transcript(page)).toEqual([
      'user: Tell me a joke',
      'assistant: Second joke.',
      'user: Another',
      'assistant: You said: Another',
    ]);

    // A third answer: "3 / 3", and the live region names it among three.
    h.t.claude.enqueue({ kind: 'text', chunks: ['Third joke.'] });
    await control(page, 1, 'regenerate-button').click();
    await reply(page, 'Third joke.').waitFor();
    await poll(() => versions(page, 1)).toBe('3 / 3');
    await control(page, 1, 'sibling-prev').click();
    await poll(() => versions(page, 1)).toBe('2 / 3');
    await poll(() => said(page)).toContain('Showing answer 2 of 3');
    expect(await control(page, 1, 'sibling-nav').getAttribute('aria-label')).toBe(
      'Showing answer 2 of 3',
    );
  });

  it('re-attaches to a regenerated reply after a reload in the middle of it', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Count for me');
    const parts = Array.from({ length: 12 }, (_, i) => `Part ${i + 1}. `);
    h.t.claude.enqueue({ kind: 'text', chunks: parts, chunkDelayMs: 200 });
    await control(page, 1, 'regenerate-button').click();
    await reply(page, 'Part 2.').waitFor();
    await page.reload();
    await reply(page, 'Part 12.').waitFor({ timeout: 15_000 });
    expect(await transcript(page)).toEqual([
      'user: Count for me',
      `assistant: ${parts.join('').trim()}`,
    ]);
    await poll(() => versions(page, 1)).toBe('2 / 2');
    await control(page, 1, 'sibling-prev').click();
    await reply(page, 'You said: Count for me').waitFor();
  });

  it('re-attaches to an edited message’s reply after a reload in the middle of it', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Original');
    const parts = Array.from({ length: 12 }, (_, i) => `Bit ${i + 1}. `);
    h.t.claude.enqueue({ kind: 'text', chunks: parts, chunkDelayMs: 200 });
    await control(page, 0, 'edit-button').click();
    await control(page, 0, 'edit-input').fill('Edited');
    await control(page, 0, 'edit-input').press('Enter');
    await reply(page, 'Bit 2.').waitFor();
    await page.reload();
    await reply(page, 'Bit 12.').waitFor({ timeout: 15_000 });
    expect(await transcript(page)).toEqual(['user: Edited', `assistant: ${parts.join('').trim()}`]);
    expect(await versions(page, 0)).toBe('2 / 2');
  });
});

describe('when an edit or a regenerate fails', () => {
  it('a failed regenerate shows the error with Retry; the old answer stays reachable', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Please answer');
    h.t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    await control(page, 1, 'regenerate-button').click();
    const retry = control(page, 1, 'retry-button');
    await retry.waitFor();
    await poll(() => versions(page, 1)).toBe('2 / 2');
    // The old answer is still there…
    await control(page, 1, 'sibling-prev').click();
    await reply(page, 'You said: Please answer').waitFor();
    expect(await control(page, 1, 'retry-button').count()).toBe(0);
    // …and the failed one can be tried again, in place: no third reply.
    await control(page, 1, 'sibling-next').click();
    await control(page, 1, 'retry-button').click();
    await poll(() => transcript(page)).toEqual([
      'user: Please answer',
      'assistant: You said: Please answer',
    ]);
    await poll(() => control(page, 1, 'retry-button').count()).toBe(0);
    expect(await versions(page, 1)).toBe('2 / 2');
    const stored = await h.t.server.db('ai_chat_messages').where({ role: 'assistant' });
    const { sessionId } = await visitorAuth(page);
    expect(stored.filter((m: { session_id: string }) => m.session_id === sessionId)).toHaveLength(
      2,
    );
  });

  it('a regenerate stopped before its answer is stored leaves no empty bubble: the old answer is back', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Stop the next one');
    // The regenerate never reaches the server: stopped, it has stored nothing.
    await page.route('**/regenerate*', () => {});
    await control(page, 1, 'regenerate-button').click();
    await page.locator('[part="stop-button"]').click();
    await poll(() => transcript(page)).toEqual([
      'user: Stop the next one',
      'assistant: You said: Stop the next one',
    ]);
    expect(await page.locator('repruv-chat').getByText('Stopped').count()).toBe(0);
    expect(await versions(page, 1)).toBe(null);
    await poll(() => control(page, 1, 'regenerate-button').isDisabled()).toBe(false);
    await page.unroute('**/regenerate*');
  });

  it('a regenerate refused (409: another tab’s reply streams) keeps the old answer, with Retry', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Question one');
    const { token, sessionId } = await visitorAuth(page);
    // Another tab sends, slowly, in the same session.
    h.t.claude.enqueue({ kind: 'text', chunks: ['slow ', 'other ', 'tab.'], chunkDelayMs: 1500 });
    const other = fetch(`${h.t.api}/chat/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_id: sessionId, content: 'From another tab' }),
    });
    await poll(async () => (await sessionMessages(h.t, token, sessionId!)).length).toBe(4);
    await control(page, 1, 'regenerate-button').click();
    await control(page, 1, 'retry-button').waitFor();
    expect(await versions(page, 1)).toBe('2 / 2');
    // Back to the answer the server kept: its branch goes on with the other tab's message, whose
    // reply, still being written, is followed here too.
    await control(page, 1, 'sibling-prev').click();
    await poll(() => transcript(page)).toEqual([
      'user: Question one',
      'assistant: You said: Question one',
      'user: From another tab',
      'assistant: slow other tab.',
    ]);
    expect(await versions(page, 1)).toBe(null);
    await (await other).json();
  });

  it('an edit that could not be sent says so, with Retry; it goes to the same place', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Keep me');
    await chat(page, 'Edit me');
    // The server fails the edit's send once (no retry by the SDK for a 500).
    let refused = false;
    await page.route('**/api/v1/chat/messages*', (route) => {
      if (refused || route.request().method() !== 'POST') return route.continue();
      refused = true;
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'down for a moment' } }),
      });
    });
    await control(page, 2, 'edit-button').click();
    await control(page, 2, 'edit-input').fill('Edited offline');
    await control(page, 2, 'edit-input').press('Enter');
    await control(page, 2, 'retry-button').waitFor();
    expect(await row(page, 2).locator('[part~="error"]').textContent()).toContain('Not sent.');
    expect(await versions(page, 2)).toBe('2 / 2');
    // Back to the stored version and forth again: the edit never stored is still there, with Retry.
    await control(page, 2, 'sibling-prev').click();
    await reply(page, 'You said: Edit me').waitFor();
    await poll(() => versions(page, 2)).toBe('1 / 2');
    await control(page, 2, 'sibling-next').click();
    await poll(() => transcript(page)).toEqual([
      'user: Keep me',
      'assistant: You said: Keep me',
      'user: Edited offline',
    ]);
    expect(await versions(page, 2)).toBe('2 / 2');
    await control(page, 2, 'retry-button').click();
    await reply(page, 'You said: Edited offline').waitFor();
    expect(await transcript(page)).toEqual([
      'user: Keep me',
      'assistant: You said: Keep me',
      'user: Edited offline',
      'assistant: You said: Edited offline',
    ]);
    await control(page, 2, 'sibling-prev').click();
    await reply(page, 'You said: Edit me').waitFor();
  });
});

describe('copying', () => {
  it('copies a reply’s text and says so', async () => {
    const page = await h.visitor();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: h.t.url,
    });
    await openInlineChat(h, page);
    h.t.claude.enqueue({ kind: 'text', chunks: ['Copy **this** text.'] });
    await chat(page, 'Something to copy', 'Copy this text.');
    await control(page, 1, 'copy-button').click();
    await poll(() => said(page)).toContain('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Copy **this** text.');
  });
});

describe('forking', () => {
  it('continues the branch up to a reply in a new chat, stored as the visitor’s', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Root question');
    await chat(page, 'Later question');
    const original = await storedSession(page);
    await control(page, 1, 'fork-button').click();
    await poll(() => storedSession(page)).not.toBe(original);
    await poll(() => transcript(page)).toEqual([
      'user: Root question',
      'assistant: You said: Root question',
    ]);
    await poll(() => said(page)).toContain('Continuing in a new chat');
    await poll(() => focused(page)).toMatchObject({ part: 'input' });
    const changes = await events(page, 'repruv-session-change');
    expect(changes.at(-1)!.detail).toMatchObject({ reason: 'fork' });
    expect((changes.at(-1)!.detail.session as { id: string }).id).toBe(await storedSession(page));
    await chat(page, 'In the fork');
    // The original is untouched; a reload shows the fork.
    const { token } = await visitorAuth(page);
    expect((await sessionMessages(h.t, token, original!)).map((m) => m.content)).toEqual([
      'Root question',
      'You said: Root question',
      'Later question',
      'You said: Later question',
    ]);
    await page.reload();
    await reply(page, 'You said: In the fork').waitFor();
    expect(await transcript(page)).toHaveLength(4);
  });
});
