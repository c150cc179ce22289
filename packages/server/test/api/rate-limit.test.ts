import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, expectError, messageRows } from '../support/contract.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  // RATE_LIMIT_MESSAGES_PER_MINUTE unset: the default of 120 applies.
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

test('the 121st message in a minute answers 429 with Retry-After and RateLimit-* headers; other users are not limited', async () => {
  const LIMIT = 120;
  const LANES = 8; // sessions sent to in parallel (one reply at a time per session)
  const sessions = await Promise.all(Array.from({ length: LANES }, () => createSession(t)));
  const remaining: number[] = [];

  await Promise.all(
    sessions.map(async (session, lane) => {
      for (let i = lane; i < LIMIT; i += LANES) {
        const response = await t.request('/chat/messages', {
          method: 'POST',
          json: { session_id: session.id, content: `message ${i}` },
        });
        expect(response.status, await response.clone().text()).toBe(201);
        expect(response.headers.get('ratelimit-limit')).toBe(String(LIMIT));
        const reset = Number(response.headers.get('ratelimit-reset'));
        expect(reset).toBeGreaterThanOrEqual(0);
        expect(reset).toBeLessThanOrEqual(60);
        remaining.push(Number(response.headers.get('ratelimit-remaining')));
        await response.arrayBuffer();
      }
    }),
  );
  expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: LIMIT }, (_, i) => i));

  const session = sessions[0]!;
  const before = (await messageRows(t, session.id)).length;
  const requests = t.claude.requests.length;
  const limited = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: session.id, content: 'one too many' },
  });
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(limited.headers.get('ratelimit-limit')).toBe(String(LIMIT));
  expect(limited.headers.get('ratelimit-remaining')).toBe('0');
  const reset = Number(limited.headers.get('ratelimit-reset'));
  await expectError(limited, 429, 'rate_limited');
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(reset).toBeGreaterThanOrEqual(1);
  expect(reset).toBeLessThanOrEqual(60);
  expect((await messageRows(t, session.id)).length).toBe(before);
  expect(t.claude.requests.length).toBe(requests);

  // The streaming form is limited the same way, with a JSON error before any SSE header.
  await expectError(
    await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: session.id, content: 'still too many' },
    }),
    429,
    'rate_limited',
  );

  // The limit is per user: bob still gets through.
  const bobSession = await createSession(t, 'bob');
  const bob = await t.request('/chat/messages', {
    method: 'POST',
    as: 'bob',
    json: { session_id: bobSession.id, content: 'hi' },
  });
  expect(bob.status).toBe(201);
  expect(bob.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));

  // Other endpoints are not limited for alice.
  expect((await t.request('/chat/sessions')).status).toBe(200);
});
