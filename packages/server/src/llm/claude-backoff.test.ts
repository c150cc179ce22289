import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  CLAUDE_URL,
  messagesHandler,
  replyEvents,
  sseResponse,
} from '../../test/support/anthropic-msw.js';
import { UpstreamUnavailableError } from '../errors.js';
import { AnthropicGenerator } from './anthropic-generator.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { MemoryClaudeBackoff, RedisClaudeBackoff, type ClaudeBackoff } from './claude-backoff.js';
import { ClaudeGateway } from './claude-gateway.js';

const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

describe('MemoryClaudeBackoff', () => {
  test('waits what Claude asks, 10 s when it does not say, 60 s at most, and never less than known', async () => {
    let now = 1_000_000;
    const backoff = new MemoryClaudeBackoff(() => now);
    expect(backoff.localRemainingMs()).toBe(0);
    await backoff.backOff(undefined);
    expect(backoff.localRemainingMs()).toBe(10_000);
    await backoff.backOff(2_000); // shorter than known: the longer wait stands
    expect(await backoff.remainingMs()).toBe(10_000);
    await backoff.backOff(3_600_000);
    expect(backoff.localRemainingMs()).toBe(60_000);
    now += 60_000;
    expect(backoff.localRemainingMs()).toBe(0);
  });
});

/** Claude's answer at the organisation's rate limit. */
function rateLimited(headers: Record<string, string>): () => Response {
  return () =>
    HttpResponse.json(
      { type: 'error', error: { type: 'rate_limit_error', message: 'rate limited' } },
      { status: 429, headers: { 'request-id': 'req_msw', ...headers } },
    );
}

function gateway(backoff: ClaudeBackoff, maxRetries = 0) {
  const generator = new AnthropicGenerator({
    apiKey: 'sk-ant-test',
    baseUrl: CLAUDE_URL,
    model: 'claude-sonnet-5-5',
    maxTokens: 256,
    maxRetries,
    idleTimeoutMs: 10_000,
  });
  return new ClaudeGateway(
    generator,
    new CircuitBreaker({ threshold: 1, cooldownMs: 60_000 }),
    backoff,
  );
}

function call(door: ClaudeGateway) {
  return door.generate(door.acquirePermit(), {
    system: '',
    turns: [{ role: 'user', content: 'hi' }],
    signal: new AbortController().signal,
    onText: () => {},
  });
}

function refusal(attempt: () => unknown): UpstreamUnavailableError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    return error as UpstreamUnavailableError;
  }
  throw new Error('expected a 503');
}

describe('ClaudeGateway at Claude’s rate limit', () => {
  test('a 429 is waited out for its retry-after, by the backoff and not the breaker', async () => {
    const { handler, seen } = messagesHandler(rateLimited({ 'retry-after': '30' }));
    msw.use(handler);
    const door = gateway(new MemoryClaudeBackoff());
    const { failure } = await call(door);
    expect(failure).toMatchObject({ kind: 'rate_limited', outage: false });
    const error = refusal(() => door.acquirePermit());
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toMatch(/Claude is at its rate limit/);
    await expect(door.ensureNotRateLimited()).rejects.toThrow(UpstreamUnavailableError);
    expect(door.breaker.state).toBe('closed');
    expect(seen).toHaveLength(1);
  });

  test('the SDK’s own retry: the wait is known from the first 429, before the retry', async () => {
    const { handler, seen } = messagesHandler(rateLimited({ 'retry-after-ms': '300' }), () =>
      sseResponse(replyEvents(['ok'])),
    );
    msw.use(handler);
    const door = gateway(new MemoryClaudeBackoff(), 1);
    const calling = call(door);
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(refusal(() => door.acquirePermit()).retryAfterSeconds).toBe(1);
    expect((await calling).failure).toBeUndefined(); // the retry, after the wait, was answered
    expect(seen).toHaveLength(2);
  });
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisClaudeBackoff', () => {
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  test('two instances: one meets the 429, the other stops calling until the wait is over', async () => {
    const key = `repruv:test:claude-rate-limited:${randomUUID()}`;
    const instance = () => {
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      clients.push(redis);
      return gateway(new RedisClaudeBackoff(redis, key));
    };
    const [a, b] = [instance(), instance()];
    const { handler, seen } = messagesHandler(rateLimited({ 'retry-after-ms': '600' }), () =>
      sseResponse(replyEvents(['ok'])),
    );
    msw.use(handler);
    expect((await call(a)).failure).toMatchObject({ kind: 'rate_limited' });
    await new Promise((resolve) => setTimeout(resolve, 20)); // a's note reaches Redis

    const error = await b.ensureNotRateLimited().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    // What b learnt from Redis now holds without asking it again.
    refusal(() => b.acquirePermit());
    expect(seen).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 700));
    await b.ensureNotRateLimited();
    expect((await call(b)).failure).toBeUndefined();
    expect(seen).toHaveLength(2);
  });
});
