import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { collectSse, readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, messageRow, sendStreaming } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
beforeEach(() => t.claude.setDefault({ kind: 'text', chunks: ['Hel', 'lo ', 'wörld 😀'] }));

test('a streamed reply: created, deltas with offset ids, completed, and the row finished', async () => {
  const sessionId = await createSession(t);
  const response = await sendStreaming(t, sessionId, 'hi');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
  expect(response.headers.get('x-accel-buffering')).toBe('no');

  const events = await collectSse(response);
  expect(events[0]!.event).toBe('message.created');
  expect(events[0]!.id).toBe('0');
  const { user_message: user, assistant_message: assistant } = events[0]!.data;
  expect(user).toMatchObject({ role: 'user', content: 'hi', status: 'complete' });
  expect(assistant).toMatchObject({ role: 'assistant', content: '', status: 'streaming' });

  const deltas = events.filter((event) => event.event === 'message.delta');
  const text = deltas.map((event) => event.data.text).join('');
  expect(text).toBe('Hello wörld 😀');
  let length = 0;
  for (const delta of deltas) {
    length += delta.data.text.length;
    expect(delta.id).toBe(String(length));
    expect(delta.data.message_id).toBe(assistant.id);
  }

  const completed = events.at(-1)!;
  expect(completed.event).toBe('message.completed');
  expect(completed.id).toBe(`${text.length}:end`);
  expect(completed.data.message).toMatchObject({
    id: assistant.id,
    status: 'complete',
    content: text,
    tokens: 3,
  });
  expect(completed.data.message.latency_ms).toBeGreaterThanOrEqual(0);

  const row = await messageRow(t, assistant.id);
  expect(row).toMatchObject({ status: 'complete', content: text, tokens: 3 });
  const usage = await t.server.db('api_usage_log').where({ message_id: assistant.id });
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ outcome: 'complete', output_tokens: 3 });
  expect(usage[0].input_tokens).toBeGreaterThan(0);
});

test('Accept: text/event-stream streams without the query parameter', async () => {
  const sessionId = await createSession(t);
  const response = await t.request('/chat/messages', {
    method: 'POST',
    headers: { Accept: 'text/event-stream' },
    json: { session_id: sessionId, content: 'hi' },
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events = await collectSse(response);
  expect(events.map((event) => event.event)).toContain('message.completed');
});

test('Claude receives the Repruv system prompt for the mode, temperature 0.7 and alternating context', async () => {
  const created = await t.request('/chat/sessions', { method: 'POST', json: { mode: 'ideas' } });
  const sessionId = (await readJson(created)).id;
  await collectSse(await sendStreaming(t, sessionId, 'first'));
  await collectSse(await sendStreaming(t, sessionId, 'second'));
  const request = t.claude.requests.at(-1)!.body;
  expect(request.stream).toBe(true);
  expect(request.temperature).toBe(0.7);
  expect(request.system).toContain('You are Repruv AI');
  expect(request.system).toContain('content ideas');
  expect(request.messages.map((m: { role: string }) => m.role)).toEqual([
    'user',
    'assistant',
    'user',
  ]);
  expect(request.messages.at(-1).content).toBe('second');
});

test('a repeated client_message_id replays the stored pair as a stream, calling Claude once', async () => {
  const sessionId = await createSession(t);
  const before = t.claude.requests.length;
  const first = await collectSse(
    await sendStreaming(t, sessionId, 'once', { clientMessageId: 'c-1' }),
  );
  const second = await collectSse(
    await sendStreaming(t, sessionId, 'once', { clientMessageId: 'c-1' }),
  );
  expect(t.claude.requests.length - before).toBe(1);
  expect(second[0]!.data.assistant_message.id).toBe(first[0]!.data.assistant_message.id);
  expect(second.at(-1)!.data.message.content).toBe(first.at(-1)!.data.message.content);
  const rows = await t.server.db('ai_chat_messages').where({ session_id: sessionId });
  expect(rows).toHaveLength(2);
});
