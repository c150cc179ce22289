import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  CLAUDE_URL,
  errorEvent,
  errorResponse,
  messageDelta,
  messagesHandler,
  messageStart,
  modelsHandler,
  replyEvents,
  sseResponse,
  textDelta,
} from '../../test/support/anthropic-msw.js';
import { AnthropicGenerator, type AnthropicGeneratorOptions } from './anthropic-generator.js';
import type { GenerateRequest } from './reply-generator.js';
import { UpstreamFailure } from './upstream-failure.js';

// Claude faked at the HTTP boundary: the SDK's own request, retry, SSE and error code all run.
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  msw.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => msw.close());

const MODEL = 'claude-sonnet-5-5';

function generator(options: Partial<AnthropicGeneratorOptions> = {}) {
  return new AnthropicGenerator({
    apiKey: 'sk-ant-test',
    baseUrl: CLAUDE_URL,
    model: MODEL,
    maxTokens: 256,
    maxRetries: 0,
    idleTimeoutMs: 10_000,
    ...options,
  });
}

function call(signal = new AbortController().signal) {
  const texts: string[] = [];
  const reported: unknown[] = [];
  const request: GenerateRequest = {
    system: 'You are Repruv AI.',
    turns: [{ role: 'user', content: 'Hello' }],
    signal,
    onText: (text) => texts.push(text),
    onUsage: (usage) => reported.push(usage),
  };
  return { request, texts, reported };
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamFailure);
  return error as UpstreamFailure;
}

describe('AnthropicGenerator against the Messages API', () => {
  test('streams the text deltas and reports what Claude says it used, over node:http', async () => {
    const { handler, seen } = messagesHandler(() =>
      sseResponse(replyEvents(['Hel', 'lo', '!'], 12)),
    );
    msw.use(handler);
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const { request, texts, reported } = call();

    const usage = await generator().generate(request);

    expect(texts).toEqual(['Hel', 'lo', '!']);
    expect(usage).toEqual({ inputTokens: 12, outputTokens: 3, stopReason: 'end_turn' });
    expect(reported).toEqual([{ inputTokens: 12 }, { inputTokens: 12, outputTokens: 3 }]);
    expect(seen).toHaveLength(1);
    // The key goes as the SDK sends it (x-api-key or a bearer token, by SDK version).
    const auth = `${seen[0]!.headers.get('x-api-key')} ${seen[0]!.headers.get('authorization')}`;
    expect(auth).toContain('sk-ant-test');
    expect(seen[0]!.body).toMatchObject({
      model: MODEL,
      max_tokens: 256,
      temperature: 0.7,
      system: 'You are Repruv AI.',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
    });
    // The SDK was given our node:http fetch (llm/node-fetch.ts): msw intercepted that, not fetch.
    expect(globalFetch).not.toHaveBeenCalled();
  });

  test("message_delta's usage is cumulative: the last count wins, input tokens included", async () => {
    msw.use(
      messagesHandler(() =>
        sseResponse([
          messageStart(5),
          textDelta('a'),
          messageDelta(1, 'max_tokens'),
          [
            'message_delta',
            {
              type: 'message_delta',
              delta: { stop_reason: 'max_tokens' },
              usage: { input_tokens: 7, output_tokens: 4 },
            },
          ],
          ['message_stop', { type: 'message_stop' }],
        ]),
      ).handler,
    );
    const usage = await generator().generate(call().request);
    expect(usage).toEqual({ inputTokens: 7, outputTokens: 4, stopReason: 'max_tokens' });
  });

  test.each([
    [529, 'overloaded_error', { kind: 'overloaded', outage: true, retryable: true }],
    [500, 'api_error', { kind: 'server_error', outage: true, retryable: true }],
    [429, 'rate_limit_error', { kind: 'rate_limited', outage: false, retryable: true }],
    [400, 'invalid_request_error', { kind: 'rejected', outage: false, retryable: false }],
    [401, 'authentication_error', { kind: 'rejected', outage: false, retryable: false }],
    [404, 'not_found_error', { kind: 'unknown_model', outage: false, retryable: false }],
  ] as const)('HTTP %i %s before the stream', async (status, type, expected) => {
    msw.use(messagesHandler(() => errorResponse(status, type, `a ${type}`)).handler);
    const { request, texts } = call();
    const failure = await failureOf(generator().generate(request));
    expect(failure).toMatchObject({ ...expected, status, code: 'upstream_error' });
    expect(failure.message).toContain(type);
    expect(texts).toEqual([]);
  });

  test('a not_found_error names the model and the variable to the client', async () => {
    msw.use(
      messagesHandler(() => errorResponse(404, 'not_found_error', `model: ${MODEL}`)).handler,
    );
    const failure = await failureOf(generator().generate(call().request));
    expect(failure.clientMessage).toMatch(/"claude-sonnet-5-5".*CLAUDE_MODEL/);
  });

  test("the SDK's own retry of a 529 is answered by the next reply", async () => {
    const { handler, seen } = messagesHandler(
      () => errorResponse(529, 'overloaded_error', 'Overloaded'),
      () => sseResponse(replyEvents(['Second try'])),
    );
    msw.use(handler);
    const { request, texts } = call();
    await generator({ maxRetries: 1 }).generate(request);
    expect(seen).toHaveLength(2);
    expect(texts).toEqual(['Second try']);
  });

  test('an error event mid-stream keeps the text sent before it and is an outage', async () => {
    msw.use(
      messagesHandler(() =>
        sseResponse([
          messageStart(3),
          textDelta('Part'),
          errorEvent('overloaded_error', 'Overloaded'),
        ]),
      ).handler,
    );
    const { request, texts, reported } = call();
    const failure = await failureOf(generator().generate(request));
    expect(texts).toEqual(['Part']);
    expect(reported).toEqual([{ inputTokens: 3 }]);
    expect(failure).toMatchObject({
      kind: 'overloaded',
      status: null,
      outage: true,
      retryable: true,
    });
  });

  test('a mid-stream not_found_error is a configuration error, not an outage', async () => {
    msw.use(
      messagesHandler(() => sseResponse([messageStart(3), errorEvent('not_found_error')])).handler,
    );
    const failure = await failureOf(generator().generate(call().request));
    expect(failure).toMatchObject({ kind: 'unknown_model', outage: false, retryable: false });
  });

  test('a stream that ends before message_stop is a lost connection', async () => {
    msw.use(messagesHandler(() => sseResponse([messageStart(3), textDelta('Cut ')])).handler);
    const { request, texts } = call();
    const failure = await failureOf(generator().generate(request));
    expect(texts).toEqual(['Cut ']);
    expect(failure).toMatchObject({ kind: 'disconnected', outage: true, retryable: true });
  });

  test('a socket cut mid-stream is a lost connection', async () => {
    msw.use(
      messagesHandler(() => sseResponse([messageStart(3), textDelta('Cut ')], 'cut')).handler,
    );
    const failure = await failureOf(generator().generate(call().request));
    expect(failure).toMatchObject({ kind: 'disconnected', outage: true, retryable: true });
  });

  test('a network error before any answer: Claude could not be reached', async () => {
    msw.use(messagesHandler(() => HttpResponse.error()).handler);
    const failure = await failureOf(generator().generate(call().request));
    expect(failure).toMatchObject({ kind: 'unreachable', outage: true, retryable: true });
    expect(failure.clientMessage).toBe('Could not reach Claude.');
  });

  test('a stream that goes quiet past the idle timeout fails as a timeout', async () => {
    msw.use(
      messagesHandler(() => sseResponse([messageStart(3), textDelta('Wait')], 'hang')).handler,
    );
    const { request, texts } = call();
    const failure = await failureOf(generator({ idleTimeoutMs: 50 }).generate(request));
    expect(texts).toEqual(['Wait']);
    expect(failure).toMatchObject({ kind: 'idle_timeout', outage: true, retryable: true });
  });

  test('our own abort mid-stream is a stop: ended by us, not an outage', async () => {
    msw.use(
      messagesHandler(() => sseResponse([messageStart(3), textDelta('Stop ')], 'hang')).handler,
    );
    const controller = new AbortController();
    const { request } = call(controller.signal);
    request.onText = () => controller.abort();
    const failure = await failureOf(generator().generate(request));
    expect(failure).toMatchObject({ kind: 'aborted', endedByUs: true, outage: false });
  });
});

describe('AnthropicGenerator.checkModel against the Models API', () => {
  test('a model Claude knows is known', async () => {
    msw.use(modelsHandler([MODEL]));
    await expect(generator().checkModel()).resolves.toEqual({ status: 'known' });
  });

  test('a 404 not_found_error says the model is unknown', async () => {
    msw.use(modelsHandler(['claude-opus-5-5']));
    await expect(generator().checkModel()).resolves.toEqual({ status: 'unknown' });
  });

  test('an outage leaves it unchecked, with the reason', async () => {
    msw.use(modelsHandler([MODEL], 503));
    const check = await generator().checkModel();
    expect(check).toMatchObject({ status: 'unchecked', reason: expect.stringMatching(/503/) });
  });
});
