import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, expectError, messageRows } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CLAUDE_CB_THRESHOLD: '2', CLAUDE_CB_COOLDOWN: '60' });
});
afterAll(async () => {
  await t?.close();
});

test('a 4xx caused by the request does not count towards opening the circuit', async () => {
  const session = await createSession(t);
  t.claude.enqueue(
    { kind: 'http-error', status: 400, errorType: 'invalid_request_error' },
    { kind: 'http-error', status: 400, errorType: 'invalid_request_error' },
  );
  for (const content of ['one', 'two']) {
    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content },
    });
    await expectError(response, 502, 'upstream_error');
  }
  const third = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: session.id, content: 'three' },
  });
  expect(third.status).toBe(201);
});

test('after CLAUDE_CB_THRESHOLD upstream failures, sends answer 503 upstream_unavailable before storing anything', async () => {
  const session = await createSession(t);
  const base = t.claude.requests.length;
  t.claude.enqueue(
    { kind: 'http-error', status: 529, errorType: 'overloaded_error' },
    { kind: 'http-error', status: 529, errorType: 'overloaded_error' },
  );
  for (const content of ['one', 'two']) {
    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content },
    });
    await expectError(response, 502, 'upstream_error');
  }
  expect(t.claude.requests).toHaveLength(base + 2);
  const rowsBefore = await messageRows(t, session.id);
  expect(rowsBefore).toHaveLength(4);
  const countBefore = (await readJson(await t.request(`/chat/sessions/${session.id}`)))
    .message_count;

  for (const path of ['/chat/messages', '/chat/messages?stream=true']) {
    const response = await t.request(path, {
      method: 'POST',
      json: { session_id: session.id, content: 'three', client_message_id: 'c-3' },
    });
    const retryAfter = Number(response.headers.get('retry-after'));
    await expectError(response, 503, 'upstream_unavailable');
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }

  expect(t.claude.requests).toHaveLength(base + 2);
  expect(await messageRows(t, session.id)).toEqual(rowsBefore);
  expect((await readJson(await t.request(`/chat/sessions/${session.id}`))).message_count).toBe(
    countBefore,
  );

  const metrics = await (await fetch(`${t.url}/metrics`)).text();
  expect(metrics).toMatch(/^repruv_claude_circuit_state 2$/m);
});
