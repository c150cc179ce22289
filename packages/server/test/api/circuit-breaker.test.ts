import { expect, test } from 'vitest';
import { createSession, expectError, messageRows } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer({ CLAUDE_CB_THRESHOLD: '2', CLAUDE_CB_COOLDOWN: '60' });

/** Two sends ("one", "two") that Claude fails with HTTP `status`: each answers 502 upstream_error. */
async function twoFailedSends(sessionId: string, status: number, errorType: string) {
  t.claude.enqueue(
    { kind: 'http-error', status, errorType },
    { kind: 'http-error', status, errorType },
  );
  for (const content of ['one', 'two']) {
    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: sessionId, content },
    });
    await expectError(response, 502, 'upstream_error');
  }
}

test('a 4xx caused by the request does not count towards opening the circuit', async () => {
  const session = await createSession(t);
  await twoFailedSends(session.id, 400, 'invalid_request_error');
  const third = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: session.id, content: 'three' },
  });
  expect(third.status).toBe(201);
});

test('after CLAUDE_CB_THRESHOLD upstream failures, sends answer 503 upstream_unavailable before storing anything', async () => {
  const session = await createSession(t);
  const base = t.claude.requests.length;
  await twoFailedSends(session.id, 529, 'overloaded_error');
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
