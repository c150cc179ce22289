import { describe, expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import { collectSse, messageBody, readJson, sleep } from '../support/http.js';
import { useTestServer, type TestServer } from '../support/test-server.js';

// In process: the Redis-shared wait is tested on its own (llm/claude-backoff.test.ts), so that this
// file's 429s never hold up the other files' servers on a shared Redis.
const NO_REDIS = { REDIS_URL: '', CLAUDE_CB_THRESHOLD: '100' };

async function newSession(t: TestServer, as: string): Promise<string> {
  return (await readJson(await t.request('/chat/sessions', { method: 'POST', json: {}, as }))).id;
}

const send = (t: TestServer, sessionId: string, content: string, as: string, stream = false) =>
  t.request(`/chat/messages${stream ? '?stream=true' : ''}`, {
    method: 'POST',
    as,
    json: messageBody(sessionId, content),
  });

/** 503 upstream_unavailable naming Claude's rate limit, before anything is stored. */
async function expectWaiting(t: TestServer, response: Response, sessionId: string, rows: number) {
  const retryAfter = Number(response.headers.get('retry-after'));
  const body = await expectError(response, 503, 'upstream_unavailable');
  expect(body.error.message).toMatch(/Claude is at its rate limit/);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(2);
  expect(await t.server.db('ai_chat_messages').where({ session_id: sessionId })).toHaveLength(rows);
}

describe('CLAUDE_MAX_RETRIES=0', () => {
  const t = useTestServer(NO_REDIS);

  test('a 429 storm: Claude is asked once, every other send waits with 503, then one goes through', async () => {
    t.claude.enqueue({
      kind: 'http-error',
      status: 429,
      errorType: 'rate_limit_error',
      retryAfter: 2,
    });
    const calls = t.claude.requests.length;
    const users = ['storm-a', 'storm-b', 'storm-c'];
    const sessions = await Promise.all(users.map((user) => newSession(t, user)));

    // The send that met the 429 ends as the upstream error it is.
    await expectError(await send(t, sessions[0]!, 'first', users[0]!), 502, 'upstream_error');
    for (const [i, user] of users.entries()) {
      const rows = i === 0 ? 2 : 0;
      await expectWaiting(t, await send(t, sessions[i]!, 'again', user), sessions[i]!, rows);
      await expectWaiting(t, await send(t, sessions[i]!, 'again', user, true), sessions[i]!, rows);
    }
    expect(t.claude.requests.length).toBe(calls + 1);
    // The circuit did not open: the wait is Claude's, not the breaker's.
    expect(t.server.breaker.state).toBe('closed');

    await sleep(2100);
    const after = await send(t, sessions[1]!, 'now?', users[1]!);
    expect(after.status).toBe(201);
    expect(t.claude.requests.length).toBe(calls + 2);
  });

  test('a 429 asking for an hour is waited out for 60 s at most', async () => {
    const sessionId = await newSession(t, 'storm-d');
    t.claude.enqueue({
      kind: 'http-error',
      status: 429,
      errorType: 'rate_limit_error',
      retryAfter: 3600,
    });
    await expectError(await send(t, sessionId, 'x', 'storm-d'), 502, 'upstream_error');
    const waiting = await send(t, sessionId, 'y', 'storm-d');
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(55);
    expect(Number(waiting.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    await expectError(waiting, 503, 'upstream_unavailable');
  });
});

// CLAUDE_THREAD_AFTER=0: every call on the Claude thread, which reports the 429 across threads.
describe.each(['64', '0'])('CLAUDE_MAX_RETRIES=1, CLAUDE_THREAD_AFTER=%s', (threadAfter) => {
  const t = useTestServer({
    ...NO_REDIS,
    CLAUDE_MAX_RETRIES: '1',
    CLAUDE_THREAD_AFTER: threadAfter,
  });

  test('the SDK waits retry-after to ask again; sends meanwhile wait at once: maxRetries + 1 calls', async () => {
    const rateLimited = {
      kind: 'http-error',
      status: 429,
      errorType: 'rate_limit_error',
      retryAfter: 1,
    } as const;
    t.claude.enqueue(rateLimited, rateLimited);
    const calls = t.claude.requests.length;
    const [first, second] = await Promise.all([newSession(t, 'retry-a'), newSession(t, 'retry-b')]);
    const firstSend = send(t, first, 'first', 'retry-a', true);
    await t.claude.waitForRequests(calls + 1);
    await sleep(100); // the 429 has reached the SDK, which now sleeps for its retry-after
    await expectWaiting(t, await send(t, second, 'meanwhile', 'retry-b'), second, 0);
    // Streamed, it ends with the error event, as any failed call does.
    const events = await collectSse(await firstSend);
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      data: { error: { code: 'upstream_error' } },
    });
    expect(t.claude.requests.length).toBe(calls + 2);
  });
});
