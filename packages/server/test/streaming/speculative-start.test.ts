import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectSse, readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postMessage } from '../support/tree-api.js';
import { createSession, sendStreaming } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CHAT_SPECULATIVE_START: 'on' }); // off by default with REDIS_URL
});
afterAll(() => t.close());

async function speculativeStarts(): Promise<{ used: number; cancelled: number }> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(
      new RegExp(`^repruv_speculative_starts_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(
        text,
      )?.[1] ?? 0,
    );
  return { used: count('used'), cancelled: count('cancelled') };
}

const lastUserTurns = () =>
  t.claude.requests.at(-1)!.body.messages.map((m: { content: unknown }) => m.content);

async function usageRows(sessionId: string | null) {
  return t.server.db('api_usage_log').where({ session_id: sessionId }).orderBy('created_at');
}

test('a conversation this process knows is sent to Claude at once, and the guess is used', async () => {
  const before = await speculativeStarts();
  const sessionId = await createSession(t);
  const calls = t.claude.requests.length;
  await collectSse(await sendStreaming(t, sessionId, 'first'));
  const events = await collectSse(await sendStreaming(t, sessionId, 'second'));

  expect(events.at(-1)!.data.message).toMatchObject({
    status: 'complete',
    content: 'You said: second',
  });
  expect(t.claude.requests.length).toBe(calls + 2);
  expect(lastUserTurns()).toEqual(['first', 'You said: first', 'second']);
  expect(await speculativeStarts()).toEqual({ used: before.used + 2, cancelled: before.cancelled });
  expect((await usageRows(sessionId)).map((row) => row.outcome)).toEqual(['complete', 'complete']);
});

test('a conversation changed behind its back: the early call is cancelled and the reply uses what is stored', async () => {
  const sessionId = await createSession(t);
  await collectSse(await sendStreaming(t, sessionId, 'first'));
  // As another instance would: the reply is not what this process remembers any more.
  await t.server
    .db('ai_chat_messages')
    .where({ session_id: sessionId, role: 'assistant' })
    .update({ content: 'changed elsewhere' });
  const before = await speculativeStarts();

  const events = await collectSse(await sendStreaming(t, sessionId, 'second'));
  expect(events.at(-1)!.data.message).toMatchObject({
    status: 'complete',
    content: 'You said: second',
  });
  expect(lastUserTurns()).toEqual(['first', 'changed elsewhere', 'second']);
  expect(await speculativeStarts()).toEqual({ used: before.used, cancelled: before.cancelled + 1 });
  const rows = await t.server.db('ai_chat_messages').where({ session_id: sessionId });
  expect(rows).toHaveLength(4);
  expect(rows.filter((row) => row.status === 'streaming')).toHaveLength(0);
  // The cancelled call is accounted for, with no message to point at.
  const user = await t.server.db('ai_chat_sessions').where({ id: sessionId }).first('user_id');
  const cancelled = await t.server
    .db('api_usage_log')
    .where({ user_id: user.user_id, outcome: 'cancelled' });
  expect(cancelled.length).toBeGreaterThanOrEqual(1);
  expect(cancelled.every((row) => row.message_id === null)).toBe(true);

  // Learned from the database: the next send's guess holds again.
  await collectSse(await sendStreaming(t, sessionId, 'third'));
  expect(await speculativeStarts()).toEqual({
    used: before.used + 1,
    cancelled: before.cancelled + 1,
  });
});

test('a session deleted behind its back: 404, nothing stored, the early call cancelled', async () => {
  const sessionId = await createSession(t);
  await t.server.db('ai_chat_sessions').where({ id: sessionId }).delete();
  const before = await speculativeStarts();
  const response = await sendStreaming(t, sessionId, 'anyone there?');
  expect(response.status).toBe(404);
  expect((await readJson(response)).error.code).toBe('not_found');
  expect(await speculativeStarts()).toEqual({ used: before.used, cancelled: before.cancelled + 1 });
  expect(await t.server.db('ai_chat_messages').where({ session_id: sessionId })).toHaveLength(0);
  // Forgotten: the next try does not guess again.
  expect((await sendStreaming(t, sessionId, 'again?')).status).toBe(404);
  expect(await speculativeStarts()).toEqual({ used: before.used, cancelled: before.cancelled + 1 });
});

test('with CHAT_SPECULATIVE_START=off nothing is guessed', async () => {
  const off = await startTestServer({ CHAT_SPECULATIVE_START: 'off' });
  try {
    const sessionId = await createSession(off);
    await collectSse(await sendStreaming(off, sessionId, 'hello'));
    const text = await (await fetch(`${off.url}/metrics`)).text();
    expect(text).not.toMatch(/^repruv_speculative_starts_total\{/m);
    expect(off.claude.requests).toHaveLength(1);
  } finally {
    await off.close();
  }
});

test('an edit never asks Claude early, and gets its own branch', async () => {
  const sessionId = await createSession(t);
  await collectSse(await sendStreaming(t, sessionId, 'first'));
  const before = await speculativeStarts();
  const events = await collectSse(
    await postMessage(t, sessionId, 'first, edited', { parentId: null, stream: true }),
  );
  expect(events.at(-1)!.data.message.content).toBe('You said: first, edited');
  expect(lastUserTurns()).toEqual(['first, edited']);
  expect(await speculativeStarts()).toEqual(before);
});

test('a branch switched by another instance: the early call is cancelled, even with the same text', async () => {
  const sessionId = await createSession(t);
  const first = await collectSse(await sendStreaming(t, sessionId, 'first'));
  const firstReply = first[0]!.data.assistant_message.id;
  // The same words again as a new first message: two branches that read alike (the fake echoes).
  await collectSse(await postMessage(t, sessionId, 'first', { parentId: null, stream: true }));
  // As another instance's PATCH would: the first branch is shown again.
  await t.server
    .db('ai_chat_sessions')
    .where({ id: sessionId })
    .update({ current_message_id: firstReply });
  const before = await speculativeStarts();
  const events = await collectSse(await sendStreaming(t, sessionId, 'second'));
  expect(events[0]!.data.user_message.parent_id).toBe(firstReply);
  expect(lastUserTurns()).toEqual(['first', 'You said: first', 'second']);
  expect(await speculativeStarts()).toEqual({ used: before.used, cancelled: before.cancelled + 1 });
});
