import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  CLAUDE_URL,
  errorResponse,
  messagesHandler,
  messageStart,
  replyEvents,
  sseResponse,
  textDelta,
} from '../../test/support/anthropic-msw.js';
import { AnthropicGenerator } from './anthropic-generator.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ClaudeGateway } from './claude-gateway.js';

// The breaker reads the failure's own classification: outages count, the rest do not.
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

function gateway() {
  const generator = new AnthropicGenerator({
    apiKey: 'sk-ant-test',
    baseUrl: CLAUDE_URL,
    model: 'claude-sonnet-5-5',
    maxTokens: 256,
    maxRetries: 0,
    idleTimeoutMs: 10_000,
  });
  // A threshold of one: the first call that counts opens the circuit.
  return new ClaudeGateway(generator, new CircuitBreaker({ threshold: 1, cooldownMs: 60_000 }));
}

async function callOnce(reply: () => Response, signal = new AbortController().signal) {
  msw.use(messagesHandler(reply).handler);
  const door = gateway();
  const result = await door.generate(door.acquirePermit(), {
    system: '',
    turns: [{ role: 'user', content: 'hi' }],
    signal,
    onText: () => {},
  });
  return { result, state: door.breaker.state };
}

describe('ClaudeGateway', () => {
  test('a finished reply leaves the circuit closed and reports its usage', async () => {
    const { result, state } = await callOnce(() => sseResponse(replyEvents(['ok'], 4)));
    expect(result).toEqual({ usage: { inputTokens: 4, outputTokens: 1, stopReason: 'end_turn' } });
    expect(state).toBe('closed');
  });

  test.each([
    ['HTTP 529', () => errorResponse(529, 'overloaded_error')],
    ['HTTP 500', () => errorResponse(500, 'api_error')],
    ['a network error', () => HttpResponse.error()],
    ['a stream cut short', () => sseResponse([messageStart(2), textDelta('a')])],
  ])('%s is an outage: it opens the circuit', async (_name, reply) => {
    const { result, state } = await callOnce(reply);
    expect(result.failure).toMatchObject({ outage: true });
    expect(state).toBe('open');
  });

  test.each([
    ['HTTP 404 not_found_error', () => errorResponse(404, 'not_found_error')],
    ['HTTP 400', () => errorResponse(400, 'invalid_request_error')],
    ['HTTP 429', () => errorResponse(429, 'rate_limit_error')],
  ])('%s is not an outage: the circuit stays closed', async (_name, reply) => {
    const { result, state } = await callOnce(reply);
    expect(result.failure).toMatchObject({ outage: false, code: 'upstream_error' });
    expect(state).toBe('closed');
  });

  test('a call we stop is released: it says nothing of Claude', async () => {
    const controller = new AbortController();
    msw.use(messagesHandler(() => sseResponse([messageStart(2), textDelta('a')], 'hang')).handler);
    const door = gateway();
    const result = await door.generate(door.acquirePermit(), {
      system: '',
      turns: [{ role: 'user', content: 'hi' }],
      signal: controller.signal,
      onText: () => controller.abort(),
    });
    expect(result.failure).toMatchObject({ kind: 'aborted', endedByUs: true });
    expect(result.usage).toMatchObject({ inputTokens: 2 });
    expect(door.breaker.state).toBe('closed');
  });
});
