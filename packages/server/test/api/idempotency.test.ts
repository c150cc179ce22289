import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, messageRows, sendMessage } from '../support/contract.js';
import { collectSse, readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

test('the same client_message_id sent twice in a row: one pair stored, Claude called once', async () => {
  const session = await createSession(t);
  const requests = t.claude.requests.length;
  const first = await sendMessage(t, session.id, 'only once', { clientMessageId: 'seq-1' });
  const second = await sendMessage(t, session.id, 'only once', { clientMessageId: 'seq-1' });
  expect(second).toEqual(first);
  expect(t.claude.requests.length).toBe(requests + 1);
  const rows = await messageRows(t, session.id);
  expect(rows.map((row: { role: string }) => row.role)).toEqual(['user', 'assistant']);
  expect((await readJson(await t.request(`/chat/sessions/${session.id}`))).message_count).toBe(2);
});

test('the same client_message_id sent concurrently: one pair stored, Claude called once', async () => {
  const session = await createSession(t);
  const requests = t.claude.requests.length;
  // A reply slow enough that both requests arrive while it is generating.
  t.claude.enqueue({ kind: 'text', chunks: ['slow ', 'reply'], chunkDelayMs: 100 });
  const send = () =>
    t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content: 'at once', client_message_id: 'conc-1' },
    });
  const responses = await Promise.all([send(), send(), send()]);
  const bodies = await Promise.all(responses.map((response) => readJson(response)));
  for (const [i, response] of responses.entries()) {
    expect(response.status, JSON.stringify(bodies[i])).toBe(201);
  }
  for (const body of bodies.slice(1)) {
    expect(body.user_message.id).toBe(bodies[0].user_message.id);
    expect(body.assistant_message.id).toBe(bodies[0].assistant_message.id);
    expect(body.assistant_message).toMatchObject({ status: 'complete', content: 'slow reply' });
  }
  expect(t.claude.requests.length).toBe(requests + 1);
  expect(await messageRows(t, session.id)).toHaveLength(2);
  expect((await readJson(await t.request(`/chat/sessions/${session.id}`))).message_count).toBe(2);
});

test('a streaming repeat replays the stored pair instead of generating again', async () => {
  const session = await createSession(t);
  const first = await sendMessage(t, session.id, 'stream me', { clientMessageId: 'st-1' });
  const requests = t.claude.requests.length;
  const events = await collectSse(
    await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: session.id, content: 'stream me', client_message_id: 'st-1' },
    }),
  );
  expect(events.map((e) => e.event)).toEqual([
    'message.created',
    'message.delta',
    'message.completed',
  ]);
  expect(events[0]!.data.user_message).toEqual(first.user_message);
  expect(events[0]!.data.assistant_message.id).toBe(first.assistant_message.id);
  expect(events[2]!.data.message).toEqual(first.assistant_message);
  expect(t.claude.requests.length).toBe(requests);
  expect(await messageRows(t, session.id)).toHaveLength(2);
});

test('the same client_message_id in another session is a new message', async () => {
  const a = await createSession(t);
  const b = await createSession(t);
  const inA = await sendMessage(t, a.id, 'same key', { clientMessageId: 'shared' });
  const inB = await sendMessage(t, b.id, 'same key', { clientMessageId: 'shared' });
  expect(inB.user_message.id).not.toBe(inA.user_message.id);
  expect(await messageRows(t, b.id)).toHaveLength(2);
});
