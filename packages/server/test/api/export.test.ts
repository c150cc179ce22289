import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  expectSession,
  insertChain,
} from '../support/contract.js';
import { readJson } from '../support/http.js';
import { freshUser, sessionWith } from '../support/search-api.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

const exportOf = (id: string, query: string, as: string) =>
  t.request(`/chat/sessions/${id}/export?${query}`, { as });

/** A session with a branch shown (q1 → a1b → q2) and one not (a1 → …). */
async function branchedSession(as: string, title = 'Launch plan') {
  const { session, ids } = await sessionWith(t, as, ['q1', 'a1 *first* answer'], { title });
  const shown = await insertChain(
    t,
    session.id,
    [
      { role: 'assistant', content: 'a1b second answer' },
      { role: 'user', content: 'q2 with `code`' },
      { role: 'assistant', content: 'a2 stopped half', status: 'stopped' },
    ],
    ids[0],
  );
  return { session, hidden: ids[1]!, shown };
}

describe('GET /chat/sessions/{id}/export', () => {
  test('Markdown: the current branch, in order, as a download named after the title', async () => {
    const as = freshUser();
    const { session } = await branchedSession(as);
    const response = await exportOf(session.id, 'format=md', as);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="Launch plan.md"',
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const text = await response.text();
    expect(text.startsWith('# Launch plan\n')).toBe(true);
    const order = ['q1', 'a1b second answer', 'q2 with `code`', 'a2 stopped half'].map((s) =>
      text.indexOf(s),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text).not.toContain('a1 *first* answer');
    expect(text).toMatch(/\*\*You\*\* · \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(text).toMatch(/\*\*Assistant\*\* · .* · _stopped before the end_/);
  });

  test('md is the default format; txt has no Markdown around the messages', async () => {
    const as = freshUser();
    const { session } = await branchedSession(as);
    expect((await exportOf(session.id, '', as)).headers.get('content-type')).toMatch(/markdown/);
    const response = await exportOf(session.id, 'format=txt', as);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="Launch plan.txt"',
    );
    const text = await response.text();
    expect(text.split('\n')[0]).toBe('Launch plan');
    expect(text).toMatch(/^You — .* UTC$/m);
    expect(text).not.toContain('**');
  });

  test('JSON: the branch as API messages; branches=all: the whole tree', async () => {
    const as = freshUser();
    const { session, hidden } = await branchedSession(as);
    const current = await readJson(await exportOf(session.id, 'format=json', as));
    expect(current).toMatchObject({ format: 'repruv.conversation.v1', branches: 'current' });
    expectSession(current.session);
    current.messages.forEach(expectMessage);
    expect(current.messages.map((m: { content: string }) => m.content)).toEqual([
      'q1',
      'a1b second answer',
      'q2 with `code`',
      'a2 stopped half',
    ]);
    const all = await readJson(await exportOf(session.id, 'format=json&branches=all', as));
    expect(all.messages).toHaveLength(5);
    const byId = new Map(all.messages.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(hidden)).toMatchObject({
      content: 'a1 *first* answer',
      parent_id: all.messages[0].id,
    });
    for (const message of all.messages) {
      if (message.parent_id) expect(byId.has(message.parent_id)).toBe(true);
    }
  });

  test('an empty session exports its title and no messages', async () => {
    const as = freshUser();
    const session = await createSession(t, as, { title: 'Empty' });
    const json = await readJson(await exportOf(session.id, 'format=json', as));
    expect(json.messages).toEqual([]);
    expect(await (await exportOf(session.id, 'format=md', as)).text()).toContain('# Empty');
  });

  test.each([
    ['../../secret', 'attachment; filename="secret.md"'],
    ['"Q3"\r\nSet-Cookie: x=1', 'attachment; filename="Q3 Set-Cookie x=1.md"'],
    [
      'Café ☕',
      `attachment; filename="Caf_ _.md"; filename*=UTF-8''${encodeURIComponent('Café ☕.md')}`,
    ],
    ['...', 'attachment; filename="conversation.md"'],
  ])('the title %j makes a safe file name', async (title, header) => {
    const as = freshUser();
    const session = await createSession(t, as, { title: title.replace(/[\r\n]/g, ' ') });
    const response = await exportOf(session.id, 'format=md', as);
    expect(response.headers.get('content-disposition')).toBe(header);
  });
});

describe('export refuses', () => {
  test("another user's session, or none: 404", async () => {
    const { session } = await branchedSession(freshUser());
    await expectError(await exportOf(session.id, 'format=md', freshUser()), 404, 'not_found');
    await expectError(await exportOf(MISSING_ID, 'format=json', freshUser()), 404, 'not_found');
  });

  test.each([
    ['an unknown format', 'format=docx'],
    ['format twice', 'format=md&format=pdf'],
    ['branches=all with md', 'format=md&branches=all'],
    ['branches=all with pdf', 'format=pdf&branches=all'],
    ['an unknown branches', 'format=json&branches=some'],
  ])('%s: 400', async (_, query) => {
    const as = freshUser();
    const session = await createSession(t, as);
    await expectError(await exportOf(session.id, query, as), 400, 'invalid_request');
  });

  test('a session id that is no UUID: 400', async () => {
    await expectError(await t.request('/chat/sessions/nope/export'), 400, 'invalid_request');
  });
});
