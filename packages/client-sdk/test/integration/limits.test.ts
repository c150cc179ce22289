import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RateLimitError,
  UpstreamError,
  UpstreamUnavailableError,
  type Fetch,
} from '../../src/index.js';
import {
  clientFor,
  messageRows,
  rejectionOf,
  startTestServer,
  type TestServer,
} from './support.js';

const OVERLOADED = { kind: 'http-error' as const, status: 529, errorType: 'overloaded_error' };

// One server for both (each start costs seconds): two messages a minute per user, and a circuit
// that opens on the first upstream failure for 30 s. The tests run in order, the rate limit
// first, since once the circuit is open every send fails fast.
describe('a tight rate limit, then a circuit open for 30 s', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      RATE_LIMIT_MESSAGES_PER_MINUTE: '2',
      CLAUDE_CB_THRESHOLD: '1',
      CLAUDE_CB_COOLDOWN: '30',
    });
  });
  afterAll(() => t?.close());

  it('the third message in a minute is RateLimitError with retryAfter, and nothing is stored', async () => {
    // No retries: the SDK would otherwise wait out the Retry-After (up to a minute).
    const client = clientFor(t, 'chatty', { maxRetries: 0 });
    const session = await client.sessions.create();
    await client.messages.send({ sessionId: session.id, content: 'one' });
    await client.messages.stream({ sessionId: session.id, content: 'two' }).text();

    const error = await rejectionOf(
      client.messages.send({ sessionId: session.id, content: 'three' }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    const { retryAfter } = error as RateLimitError;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const streamed = client.messages.stream({ sessionId: session.id, content: 'four' });
    expect(await rejectionOf(streamed.text())).toBeInstanceOf(RateLimitError);
    expect(await messageRows(t, session.id)).toHaveLength(4);

    // Reading is not limited, and the limit is per user.
    await expect(client.messages.list(session.id)).resolves.toMatchObject({ has_more: false });
    const other = clientFor(t, 'quiet', { maxRetries: 0 });
    const theirs = await other.sessions.create();
    await expect(
      other.messages.send({ sessionId: theirs.id, content: 'hi' }),
    ).resolves.toBeDefined();
  });

  it('an open circuit fails fast with UpstreamUnavailableError and its retryAfter', async () => {
    const client = clientFor(t, 'unlucky', { maxRetries: 0 });
    const session = await client.sessions.create();
    t.claude.enqueue(OVERLOADED);
    expect(
      await rejectionOf(client.messages.send({ sessionId: session.id, content: 'a' })),
    ).toBeInstanceOf(UpstreamError);
    expect(t.server.breaker.state).toBe('open');

    const calls = t.claude.requests.length;
    const rows = (await messageRows(t, session.id)).length;
    const stream = client.messages.stream({ sessionId: session.id, content: 'b' });
    const error = await rejectionOf(stream.text());
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    const { retryAfter } = error as UpstreamUnavailableError;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(t.claude.requests.length).toBe(calls);
    expect(await messageRows(t, session.id)).toHaveLength(rows);
  });
});

describe('an open circuit with a cooldown of a second', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ CLAUDE_CB_THRESHOLD: '1', CLAUDE_CB_COOLDOWN: '1' });
  });
  afterAll(() => t?.close());

  it('the SDK waits the Retry-After, retries, and the retry streams the reply', async () => {
    const statuses: number[] = [];
    const fetchAndLog: Fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (url.includes('/chat/messages')) statuses.push(response.status);
      return response;
    };
    const client = clientFor(t, 'patient', { maxRetries: 2, fetch: fetchAndLog });
    const session = await client.sessions.create();
    t.claude.enqueue(OVERLOADED);
    expect(
      await rejectionOf(client.messages.send({ sessionId: session.id, content: 'a' })),
    ).toBeInstanceOf(UpstreamError);
    expect(t.server.breaker.state).toBe('open');

    statuses.length = 0;
    t.claude.enqueue({ kind: 'text', chunks: ['back ', 'again'] });
    const started = Date.now();
    const stream = client.messages.stream({ sessionId: session.id, content: 'b' });
    await expect(stream.text()).resolves.toBe('back again');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(statuses).toEqual([503, 200]);
    expect(t.server.breaker.state).toBe('closed');
    const rows = await messageRows(t, session.id);
    expect(rows.filter((r) => r.content === 'b')).toHaveLength(1);
  });
});
