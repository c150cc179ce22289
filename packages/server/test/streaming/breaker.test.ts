import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectSse, readJson, sleep } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, sendStreaming } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CLAUDE_CB_THRESHOLD: '2', CLAUDE_CB_COOLDOWN: '0.5' });
});
afterAll(() => t.close());

const send = (sessionId: string, content: string) =>
  t.request('/chat/messages', { method: 'POST', json: { session_id: sessionId, content } });

test('opens after consecutive outages, fails fast without calling Claude, then one trial decides', async () => {
  const sessionId = await createSession(t);
  // A 400 caused by the request does not count.
  t.claude.enqueue({ kind: 'http-error', status: 400, errorType: 'invalid_request_error' });
  expect((await send(sessionId, 'a')).status).toBe(502);
  t.claude.enqueue(
    { kind: 'http-error', status: 529, errorType: 'overloaded_error' },
    { kind: 'mid-stream-error', chunks: ['x'] },
  );
  expect((await send(sessionId, 'b')).status).toBe(502);
  expect((await send(sessionId, 'c')).status).toBe(502);
  expect(t.server.breaker.state).toBe('open');

  const callsBefore = t.claude.requests.length;
  const rowsBefore = await t.server.db('ai_chat_messages').where({ session_id: sessionId });
  const refused = await send(sessionId, 'd');
  expect(refused.status).toBe(503);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect((await readJson(refused)).error.code).toBe('upstream_unavailable');
  const streamRefused = await sendStreaming(t, sessionId, 'd');
  expect(streamRefused.status).toBe(503);
  expect(streamRefused.headers.get('content-type')).toContain('application/json');
  expect(t.claude.requests.length).toBe(callsBefore);
  expect(await t.server.db('ai_chat_messages').where({ session_id: sessionId })).toHaveLength(
    rowsBefore.length,
  );

  // After the cooldown one trial goes through; it fails, so the circuit opens again.
  await sleep(600);
  expect(t.server.breaker.state).toBe('half-open');
  t.claude.enqueue({ kind: 'drop', chunks: ['y'] });
  expect((await send(sessionId, 'e')).status).toBe(502);
  expect(t.server.breaker.state).toBe('open');

  // Next trial: while it streams, others fail fast; it succeeds and closes the circuit.
  await sleep(600);
  t.claude.enqueue({ kind: 'text', chunks: ['ok', '!'], chunkDelayMs: 150 });
  const trial = sendStreaming(t, sessionId, 'f');
  await t.claude.waitForRequests(callsBefore + 2);
  const other = await createSession(t);
  expect((await send(other, 'meanwhile')).status).toBe(503);
  const events = await collectSse(await trial);
  expect(events.at(-1)!.data.message.status).toBe('complete');
  expect(t.server.breaker.state).toBe('closed');
  expect((await send(sessionId, 'g')).status).toBe(201);

  const metrics = await (await fetch(`${t.url}/metrics`)).text();
  expect(metrics).toMatch(/repruv_claude_circuit_state 0/);
});
