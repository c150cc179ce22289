import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FakeReply } from '../support/fake-claude.js';
import { collectSse, readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, messageRow, sendStreaming } from './helpers.js';

// Failures are classified where the SDK threw them: on the Claude thread (default) or in-line.
describe.each(['on', 'off'])('CLAUDE_THREAD=%s', (thread) => {
  let t: TestServer;
  beforeAll(async () => {
    // A high threshold keeps the breaker out of these tests; breaker.test.ts covers it.
    t = await startTestServer({
      CLAUDE_CB_THRESHOLD: '100',
      CLAUDE_IDLE_TIMEOUT_MS: '300',
      CLAUDE_THREAD: thread,
      CLAUDE_THREAD_AFTER: '0', // every reply on the thread when it is on
    });
  });
  afterAll(() => t.close());

  async function streamedFailure(reply: FakeReply) {
    t.claude.enqueue(reply);
    const sessionId = await createSession(t);
    const events = await collectSse(await sendStreaming(t, sessionId, 'x'));
    const assistantId = events[0]!.data.assistant_message.id;
    return { events, last: events.at(-1)!, row: await messageRow(t, assistantId) };
  }

  test.each<[string, FakeReply, string]>([
    ['a mid-stream overloaded error', { kind: 'mid-stream-error', chunks: ['Part'] }, 'Part'],
    ['a dropped connection', { kind: 'drop', chunks: ['Cut ', 'off'] }, 'Cut off'],
    ['a stall past the idle timeout', { kind: 'stall', chunks: ['Wait'] }, 'Wait'],
  ] as const)(
    '%s ends the stream with a retryable error event and an "error" row keeping the text',
    async (_name, reply, kept) => {
      const { last, row } = await streamedFailure(reply);
      expect(last.event).toBe('error');
      expect(last.data.error).toMatchObject({ code: 'upstream_error', retryable: true });
      expect(last.data.message).toMatchObject({ status: 'error', content: kept });
      expect(row).toMatchObject({ status: 'error', content: kept });
      const usage = await t.server.db('api_usage_log').where({ message_id: row.id });
      expect(usage[0].outcome).toBe('error');
    },
  );

  test('a 529 before streaming: error event over SSE; 502 with the ids over JSON', async () => {
    const { last } = await streamedFailure({
      kind: 'http-error',
      status: 529,
      errorType: 'overloaded_error',
    });
    expect(last.data.error.message).toMatch(/overloaded/i);

    t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const sessionId = await createSession(t);
    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: sessionId, content: 'x', client_message_id: 'retry-me' },
    });
    expect(response.status).toBe(502);
    const body = await readJson(response);
    expect(body.error.code).toBe('upstream_error');
    const { user_message_id: userId, assistant_message_id: assistantId } = body.error.details;
    expect((await messageRow(t, userId)).content).toBe('x');
    expect((await messageRow(t, assistantId)).status).toBe('error');

    // The retry regenerates the same reply: no duplicate rows.
    const retried = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: sessionId, content: 'x', client_message_id: 'retry-me' },
    });
    expect(retried.status).toBe(201);
    const pair = await readJson(retried);
    expect(pair.user_message.id).toBe(userId);
    expect(pair.assistant_message).toMatchObject({
      id: assistantId,
      status: 'complete',
      content: 'You said: x',
    });
    expect(await t.server.db('ai_chat_messages').where({ session_id: sessionId })).toHaveLength(2);
  });

  test('failed replies are left out of the next request to Claude', async () => {
    t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const sessionId = await createSession(t);
    await collectSse(await sendStreaming(t, sessionId, 'first'));
    await collectSse(await sendStreaming(t, sessionId, 'second'));
    const sent = t.claude.requests.at(-1)!.body.messages;
    expect(sent).toEqual([{ role: 'user', content: 'first\n\nsecond' }]);
  });
});
