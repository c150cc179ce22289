import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectSession,
  messageRows,
  sendMessage,
} from '../support/contract.js';
import { readJson } from '../support/http.js';
import { startTestServer, useTestServer, type TestServer } from '../support/test-server.js';
import {
  branchContents,
  holdStreaming,
  lastClaudeTurns,
  postMessage,
  regenerate,
  sendAfter,
  sessionNow,
} from '../support/tree-api.js';

const t = useTestServer();

const fork = (server: TestServer, sessionId: string, json: unknown, as = 'alice') =>
  server.request(`/chat/sessions/${sessionId}/fork`, { method: 'POST', json, as });

/** q1 → r1 → q2 → r2, then r2 answered again (r2b), then q3 after r1 on another branch. */
async function tree() {
  const session = await createSession(t, 'alice', { title: 'Source', mode: 'ideas' });
  const one = await sendMessage(t, session.id, 'q1', { clientMessageId: 'k1' });
  const two = await sendMessage(t, session.id, 'q2');
  const again = await regenerate(t, two.assistant_message.id);
  await sendAfter(t, session.id, 'q3', { parentId: one.assistant_message.id });
  return { session, one, two, again };
}

describe('POST /chat/sessions/{id}/fork', () => {
  test('a new session holding copies of the branch up to the reply, with new ids', async () => {
    const { session, one, two } = await tree();
    const response = await fork(t, session.id, { message_id: two.assistant_message.id });
    expect(response.status).toBe(201);
    const forked = await readJson(response);
    expectSession(forked);
    expect(forked).toMatchObject({ title: 'Source', mode: 'ideas', message_count: 4 });
    expect(forked.id).not.toBe(session.id);

    const copies = await messageRows(t, forked.id);
    const originals = [
      one.user_message,
      one.assistant_message,
      two.user_message,
      two.assistant_message,
    ];
    expect(copies.map((row: { content: string }) => row.content)).toEqual(
      originals.map((m) => m.content),
    );
    expect(copies.map((row: { parent_id: string | null }) => row.parent_id)).toEqual([
      null,
      copies[0].id,
      copies[1].id,
      copies[2].id,
    ]);
    expect(copies[1].reply_to_message_id).toBe(copies[0].id);
    for (const [i, copy] of copies.entries()) {
      expect(originals.map((m) => m.id)).not.toContain(copy.id);
      expect(new Date(copy.created_at).toISOString()).toBe(originals[i]!.created_at);
      expect(copy.client_message_id).toBeNull();
      expect(copy.user_id).toBe((await messageRows(t, session.id))[0].user_id);
    }
    expect(forked.current_message_id).toBe(copies[3].id);
    expect(forked.last_message_at).toBe(two.assistant_message.created_at);
    const page = await readJson(await t.request(`/chat/messages/${forked.id}`));
    expect(page.data.map((m: { sibling_ids: string[] }) => m.sibling_ids.length)).toEqual([
      1, 1, 1, 1,
    ]);
  });

  test('the title given; the source untouched; feedback not copied; a send continues the copy', async () => {
    const { session, two, again } = await tree();
    const rated = await t.request(`/chat/messages/${again.assistant_message.id}/feedback`, {
      method: 'PUT',
      json: { rating: 'up' },
    });
    expect(rated.status).toBe(200);
    const before = await sessionNow(t, session.id);
    const rowsBefore = await messageRows(t, session.id);
    const forked = await readJson(
      await fork(t, session.id, { message_id: again.assistant_message.id, title: 'Fork' }),
    );
    expect(forked.title).toBe('Fork');
    expect(await sessionNow(t, session.id)).toEqual(before);
    expect(await messageRows(t, session.id)).toEqual(rowsBefore);
    const page = await readJson(await t.request(`/chat/messages/${forked.id}`));
    expect(page.data.map((m: { feedback: unknown }) => m.feedback)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(page.data.at(-1).content).toBe(again.assistant_message.content);

    await sendMessage(t, forked.id, 'in the fork');
    expect(lastClaudeTurns(t)).toEqual([
      'user: q1',
      'assistant: You said: q1',
      'user: q2',
      `assistant: ${again.assistant_message.content}`,
      'user: in the fork',
    ]);
    expect(await branchContents(t, session.id, `?leaf=${two.assistant_message.id}`)).toHaveLength(
      4,
    );
  });

  test('deleting the source leaves the fork whole', async () => {
    const { session, two } = await tree();
    const forked = await readJson(
      await fork(t, session.id, { message_id: two.assistant_message.id }),
    );
    expect((await t.request(`/chat/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(await branchContents(t, forked.id)).toEqual([
      'q1',
      'You said: q1',
      'q2',
      'You said: q2',
    ]);
  });

  test('a user message or a streaming reply answers 400; nothing is created', async () => {
    const { session, two } = await tree();
    const count = async () =>
      (await readJson(await t.request('/chat/sessions?limit=100'))).data.length;
    const sessions = await count();
    const body = await expectError(
      await fork(t, session.id, { message_id: two.user_message.id }),
      400,
      'invalid_request',
    );
    expect(body.error.details).toMatchObject({ field: 'message_id' });
    const held = await holdStreaming(t, () => postMessage(t, session.id, 'slow', { stream: true }));
    await expectError(
      await fork(t, session.id, { message_id: held.assistantId }),
      400,
      'invalid_request',
    );
    await held.stop();
    expect(await count()).toBe(sessions);
  });

  test("another session's message, another user's session, or none answers 404", async () => {
    const { session } = await tree();
    const elsewhere = await tree();
    const bobs = await createSession(t, 'bob');
    const bob = await sendMessage(t, bobs.id, 'bob', { as: 'bob' });
    const id = elsewhere.two.assistant_message.id;
    await expectError(await fork(t, session.id, { message_id: id }), 404, 'not_found');
    await expectError(await fork(t, session.id, { message_id: MISSING_ID }), 404, 'not_found');
    await expectError(
      await fork(t, bobs.id, { message_id: bob.assistant_message.id }),
      404,
      'not_found',
    );
    await expectError(await fork(t, MISSING_ID, { message_id: id }), 404, 'not_found');
  });

  test('bodies of the wrong shape answer 400', async () => {
    const { session, two } = await tree();
    const message_id = two.assistant_message.id;
    for (const body of [
      {},
      { message_id: 'nope' },
      { message_id: null },
      { message_id: 7 },
      { message_id, title: '' },
      { message_id, title: 'x'.repeat(201) },
      { message_id, title: 5 },
      { message_id, mode: 'writing' },
      [],
    ]) {
      await expectError(await fork(t, session.id, body), 400, 'invalid_request');
    }
    await expectError(
      await t.request(`/chat/sessions/nope/fork`, { method: 'POST', json: { message_id } }),
      400,
      'invalid_request',
    );
  });
});

test('a fork counts against SESSIONS_PER_USER_PER_HOUR; a refused one does not', async () => {
  const capped = await startTestServer({ SESSIONS_PER_USER_PER_HOUR: '2' });
  try {
    const session = await createSession(capped);
    const sent = await sendMessage(capped, session.id, 'q');
    const body = { message_id: sent.assistant_message.id };
    await expectError(
      await fork(capped, session.id, { message_id: sent.user_message.id }),
      400,
      'invalid_request',
    );
    expect((await fork(capped, session.id, body)).status).toBe(201);
    const refused = await fork(capped, session.id, body);
    await expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await readJson(await capped.request('/chat/sessions'))).data).toHaveLength(2);
  } finally {
    await capped.close();
  }
});
