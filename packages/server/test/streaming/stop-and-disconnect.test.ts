import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectSse, eventually, readJson, readSse, sleep } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, messageRow, sendStreaming } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CHAT_ORPHAN_GRACE_S: '0.4' });
});
afterAll(() => t.close());

/** Starts a streamed reply whose upstream sends `chunks` and then stalls; resolves once they arrived. */
async function startStalledReply(chunks: string[], signal?: AbortSignal) {
  t.claude.enqueue({ kind: 'stall', chunks });
  const sessionId = await createSession(t);
  const response = await sendStreaming(t, sessionId, 'go', signal ? { signal } : {});
  const events = readSse(response);
  const created = (await events.next()).value!;
  let received = '';
  const expected = chunks.join('');
  while (received.length < expected.length) {
    const event = (await events.next()).value!;
    received += event.data.text;
  }
  return { sessionId, assistantId: created.data.assistant_message.id as string, events };
}

test('stop keeps the partial text, marks it stopped, and ends the stream with completed', async () => {
  const { assistantId, events } = await startStalledReply(['Half ', 'a reply']);
  const stopped = await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' });
  expect(stopped.status).toBe(200);
  const message = await readJson(stopped);
  expect(message).toMatchObject({ id: assistantId, status: 'stopped', content: 'Half a reply' });

  const last = (await events.next()).value!;
  expect(last.event).toBe('message.completed');
  expect(last.data.message.status).toBe('stopped');
  expect((await events.next()).done).toBe(true);
  expect(await messageRow(t, assistantId)).toMatchObject({
    status: 'stopped',
    content: 'Half a reply',
  });

  const again = await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' });
  expect(await readJson(again)).toEqual(message);
});

test('a client that leaves: generation goes on for the grace period, then stops keeping the text', async () => {
  const abort = new AbortController();
  const { assistantId } = await startStalledReply(['Still ', 'here'], abort.signal);
  abort.abort();
  await sleep(150);
  expect((await messageRow(t, assistantId)).status).toBe('streaming');
  const row = await eventually(async () => {
    const current = await messageRow(t, assistantId);
    return current.status === 'stopped' ? current : undefined;
  });
  expect(row).toMatchObject({ content: 'Still here', stop_reason: 'client_disconnected' });
});

test('re-attaching within the grace period keeps the reply alive and resumes without loss', async () => {
  const abort = new AbortController();
  t.claude.enqueue({
    kind: 'text',
    chunks: ['one ', 'two ', 'three ', 'four ', 'five'],
    chunkDelayMs: 120,
  });
  const sessionId = await createSession(t);
  const response = await sendStreaming(t, sessionId, 'count', { signal: abort.signal });
  const events = readSse(response);
  const created = (await events.next()).value!;
  const assistantId = created.data.assistant_message.id;
  const firstDelta = (await events.next()).value!;
  abort.abort();

  await sleep(250);
  const resumed = await t.request(`/chat/messages/${assistantId}/stream`, {
    headers: { 'Last-Event-ID': firstDelta.id! },
  });
  const rest = await collectSse(resumed);
  const text =
    firstDelta.data.text +
    rest
      .filter((event) => event.event === 'message.delta')
      .map((event) => event.data.text)
      .join('');
  expect(text).toBe('one two three four five');
  expect(rest.at(-1)!.data.message).toMatchObject({ status: 'complete', content: text });
});

test('a second message while a reply streams answers 409 and stores nothing', async () => {
  const { sessionId, assistantId } = await startStalledReply(['busy']);
  const before = await t.server.db('ai_chat_messages').where({ session_id: sessionId });
  const second = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: sessionId, content: 'another' },
  });
  expect(second.status).toBe(409);
  expect((await readJson(second)).error.code).toBe('conflict');
  const after = await t.server.db('ai_chat_messages').where({ session_id: sessionId });
  expect(after).toHaveLength(before.length);
  await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' });
});
