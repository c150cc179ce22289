import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectSse, readJson, readSse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { insertChain } from '../support/contract.js';
import { createSession, sendStreaming } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const deltaText = (events: Array<{ event: string; data: { text?: string } }>) =>
  events
    .filter((event) => event.event === 'message.delta')
    .map((event) => event.data.text)
    .join('');

test('re-attaching to a finished reply replays it from Last-Event-ID and closes', async () => {
  t.claude.enqueue({ kind: 'text', chunks: ['abc', 'def', 'ghi'] });
  const sessionId = await createSession(t);
  const events = await collectSse(await sendStreaming(t, sessionId, 'x'));
  const assistantId = events[0]!.data.assistant_message.id;

  const full = await collectSse(await t.request(`/chat/messages/${assistantId}/stream`));
  expect(full[0]!.event).toBe('message.created');
  expect(full[0]!.data.user_message.content).toBe('x');
  expect(deltaText(full)).toBe('abcdefghi');
  expect(full.at(-1)!.event).toBe('message.completed');

  const tail = await collectSse(
    await t.request(`/chat/messages/${assistantId}/stream`, { headers: { 'Last-Event-ID': '3' } }),
  );
  expect(tail[0]!.event).toBe('message.delta');
  expect(deltaText(tail)).toBe('defghi');
  expect(tail[0]!.id).toBe('9');

  const end = await collectSse(
    await t.request(`/chat/messages/${assistantId}/stream`, {
      headers: { 'Last-Event-ID': '9:end' },
    }),
  );
  expect(end.map((event) => event.event)).toEqual(['message.completed']);
});

test('a bad Last-Event-ID, a user message id, or an unknown id are refused', async () => {
  const sessionId = await createSession(t);
  const events = await collectSse(await sendStreaming(t, sessionId, 'x'));
  const { user_message: user, assistant_message: assistant } = events[0]!.data;
  const bad = await t.request(`/chat/messages/${assistant.id}/stream`, {
    headers: { 'Last-Event-ID': 'nonsense' },
  });
  expect(bad.status).toBe(400);
  const beyond = await t.request(`/chat/messages/${assistant.id}/stream`, {
    headers: { 'Last-Event-ID': '100000' },
  });
  expect(beyond.status).toBe(400);
  expect((await t.request(`/chat/messages/${user.id}/stream`)).status).toBe(404);
  expect((await t.request(`/chat/messages/${randomUUID()}/stream`)).status).toBe(404);
  const other = await t.request(`/chat/messages/${assistant.id}/stream`, { as: 'mallory' });
  expect(other.status).toBe(404);
  expect((await readJson(other)).error.code).toBe('not_found');
});

test('a live reply can be followed by a second client while the first still reads', async () => {
  t.claude.enqueue({ kind: 'text', chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 80 });
  const sessionId = await createSession(t);
  const first = readSse(await sendStreaming(t, sessionId, 'x'));
  const created = (await first.next()).value!;
  const follower = await t.request(`/chat/messages/${created.data.assistant_message.id}/stream`);
  const followed = await collectSse(follower);
  const original = [created];
  for await (const event of first) original.push(event);
  expect(deltaText(followed)).toBe('abcd');
  expect(deltaText(original)).toBe('abcd');
});

test('a reply generating elsewhere is followed through the text checkpointed to the database', async () => {
  // A reply owned by another instance: a streaming row this process has no run for.
  const sessionId = await createSession(t);
  const [promptId, replyId] = await insertChain(t, sessionId, [
    { role: 'user', content: 'q' },
    {
      role: 'assistant',
      content: 'Hello',
      status: 'streaming',
      lease_expires_at: new Date(Date.now() + 60_000),
    },
  ]);
  const events = readSse(
    await t.request(`/chat/messages/${replyId}/stream`, { headers: { 'Last-Event-ID': '2' } }),
  );
  expect((await events.next()).value!.data.text).toBe('llo');
  await t.server.db('ai_chat_messages').where({ id: replyId }).update({ content: 'Hello there' });
  expect((await events.next()).value!.data.text).toBe(' there');
  await t.server
    .db('ai_chat_messages')
    .where({ id: replyId })
    .update({ content: 'Hello there!', status: 'complete' });
  const rest = [];
  for await (const event of events) rest.push(event);
  expect(rest.map((event) => event.event)).toEqual(['message.delta', 'message.completed']);
  expect(rest[0]!.data.text).toBe('!');

  // Stopping it from here finishes the row; its owner notices at its next checkpoint.
  const [otherId] = await insertChain(
    t,
    sessionId,
    [
      {
        role: 'assistant',
        content: 'partial',
        status: 'streaming',
        lease_expires_at: new Date(Date.now() + 60_000),
      },
    ],
    promptId,
  );
  const stopped = await t.request(`/chat/messages/${otherId}/stop`, { method: 'POST' });
  expect(await readJson(stopped)).toMatchObject({ status: 'stopped', content: 'partial' });
});

test('a regenerated reply generating elsewhere is followed with its prompt and siblings', async () => {
  const sessionId = await createSession(t);
  const [prompt, first, regenerated] = [randomUUID(), randomUUID(), randomUUID()];
  await insertChain(t, sessionId, [
    { id: prompt, role: 'user', content: 'q' },
    { id: first, role: 'assistant', content: 'one answer' },
  ]);
  await insertChain(
    t,
    sessionId,
    [
      {
        id: regenerated,
        role: 'assistant',
        content: 'Another',
        status: 'streaming',
        lease_expires_at: new Date(Date.now() + 60_000),
      },
    ],
    prompt,
  );
  const events = readSse(await t.request(`/chat/messages/${regenerated}/stream`));
  const created = (await events.next()).value!;
  expect(created.data.user_message.id).toBe(prompt);
  expect(created.data.assistant_message.sibling_ids).toEqual([first, regenerated]);
  expect((await events.next()).value!.data.text).toBe('Another');
  await t.server
    .db('ai_chat_messages')
    .where({ id: regenerated })
    .update({ content: 'Another one', status: 'complete' });
  const rest = [];
  for await (const event of events) rest.push(event);
  expect(rest.map((event) => event.event)).toEqual(['message.delta', 'message.completed']);
  expect(rest[1]!.data.message).toMatchObject({
    content: 'Another one',
    sibling_ids: [first, regenerated],
    parent_id: prompt,
  });
});
