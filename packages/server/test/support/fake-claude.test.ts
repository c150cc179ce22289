/*
 * The fake Claude upstream, exercised through the real @anthropic-ai/sdk (1.11.0,
 * `messages.stream()` + `finalMessage()`, maxRetries 0). What the SDK throws in each case,
 * for the gateway's circuit breaker to classify:
 *
 * - HTTP 529 overloaded_error: `OverloadedError` < `InternalServerError` < `APIError`;
 *   status 529, type 'overloaded_error', requestID = the `request-id` header,
 *   apiMessage 'Overloaded', headers (a `Headers`), error = the JSON body.
 * - HTTP 500 api_error: `InternalServerError` (status 500, type 'api_error').
 * - HTTP 429 rate_limit_error: `RateLimitError` (status 429, type 'rate_limit_error'),
 *   `headers.get('retry-after')` is the header as sent.
 * - HTTP 400 invalid_request_error: `BadRequestError` (status 400) — a 4xx caused by the
 *   request, so not an upstream failure.
 * - `event: error` mid-stream: a plain `APIError` (not a subclass) with status undefined,
 *   type = the event's error.type (e.g. 'overloaded_error'), apiMessage = its message,
 *   requestID from the 200 response's headers, message = the event's JSON.
 * - socket dropped mid-stream (and a stalled stream ended by the server closing):
 *   NOT an APIError — a bare `AnthropicError` with message 'terminated', status
 *   undefined, whose `cause` is undici's `TypeError('terminated')` (cause.cause.code
 *   'UND_ERR_SOCKET'). Classify "AnthropicError but not APIError" as a network failure.
 * - connection refused / dropped before the response headers: `APIConnectionError`
 *   (< `APIError`, status undefined, message 'Connection error.', cause TypeError
 *   'fetch failed').
 */
import Anthropic, {
  AnthropicError,
  APIConnectionError,
  APIError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeClaude, type FakeClaude } from './fake-claude.js';

const params = {
  model: 'claude-3-5-sonnet-latest',
  max_tokens: 256,
  system: 'You are Repruv AI.',
  messages: [{ role: 'user' as const, content: 'Give me three hooks' }],
};

let fake: FakeClaude;
let client: Anthropic;

beforeEach(async () => {
  fake = await startFakeClaude();
  client = new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 0 });
});

afterEach(async () => {
  await fake.close();
});

async function streamed(): Promise<{ text: string; message: Anthropic.Message }> {
  const stream = client.messages.stream(params);
  let text = '';
  stream.on('text', (delta) => (text += delta));
  const message = await stream.finalMessage();
  return { text, message };
}

async function failure(): Promise<unknown> {
  return streamed().then(
    () => expect.fail('the stream should have failed'),
    (error: unknown) => error,
  );
}

interface WireEvent {
  event: string;
  data: { type: string } & Record<string, unknown>;
}

function parseWire(body: string): WireEvent[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return {
        event: eventLine!.replace(/^event: /, ''),
        data: JSON.parse(dataLine!.replace(/^data: /, '')),
      };
    });
}

describe('fake Claude, streamed text', () => {
  it('assembles the chunks and reports usage as the Messages API does', async () => {
    fake.enqueue({
      kind: 'text',
      chunks: ['Hook one', ', hook two', ', hook three'],
      inputTokens: 42,
    });

    const { text, message } = await streamed();

    expect(text).toBe('Hook one, hook two, hook three');
    expect(message.content).toEqual([{ type: 'text', text: 'Hook one, hook two, hook three' }]);
    expect(message.usage.input_tokens).toBe(42);
    expect(message.usage.output_tokens).toBe(3);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe(params.model);
  });

  it('records each request body and headers in order', async () => {
    await streamed();
    await streamed();

    expect(fake.requests).toHaveLength(2);
    const [first] = fake.requests;
    expect(first!.body).toMatchObject({ ...params, stream: true });
    // SDK 1.11 sends the API key as `Authorization: Bearer`; older ones used `x-api-key`.
    expect(first!.headers.authorization ?? first!.headers['x-api-key']).toMatch(/^(Bearer )?test$/);
    expect(first!.headers['anthropic-version']).toBeTypeOf('string');
  });

  it('echoes the last user message by default', async () => {
    const { text } = await streamed();
    expect(text).toBe('You said: Give me three hooks');
  });

  it('uses queued replies in order, then the default', async () => {
    fake.enqueue({ kind: 'text', chunks: ['first'] }, { kind: 'text', chunks: ['second'] });
    fake.setDefault((req) => ({ kind: 'text', chunks: [`default for ${req.body.model}`] }));

    expect((await streamed()).text).toBe('first');
    expect((await streamed()).text).toBe('second');
    expect((await streamed()).text).toBe(`default for ${params.model}`);
  });

  it('passes the stop reason through', async () => {
    fake.enqueue({ kind: 'text', chunks: ['cut'], stopReason: 'max_tokens' });
    expect((await streamed()).message.stop_reason).toBe('max_tokens');
  });

  it('writes the exact Anthropic event sequence on the wire', async () => {
    fake.enqueue({ kind: 'text', chunks: ['a', 'b'], inputTokens: 7 });

    const response = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, stream: true }),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const events = parseWire(await response.text());
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const { event, data } of events) expect(data.type).toBe(event);
    expect(events[0]!.data).toMatchObject({
      message: { role: 'assistant', content: [], usage: { input_tokens: 7 } },
    });
    expect(events[3]!.data).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'a' },
    });
    expect(events[6]!.data).toMatchObject({
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: 2 },
    });
  });

  it('answers a non-streaming request with the whole Message', async () => {
    fake.enqueue({ kind: 'text', chunks: ['whole', ' reply'], inputTokens: 3 });
    const message = await client.messages.create(params);
    expect(message.content).toEqual([{ type: 'text', text: 'whole reply' }]);
    expect(message.usage).toMatchObject({ input_tokens: 3, output_tokens: 2 });
  });

  it('paces chunks at tokensPerSecond', async () => {
    const slow = await startFakeClaude({ tokensPerSecond: 50 });
    try {
      slow.enqueue({ kind: 'text', chunks: ['1', '2', '3', '4', '5'] });
      const started = Date.now();
      const stream = new Anthropic({
        apiKey: 'test',
        baseURL: slow.url,
        maxRetries: 0,
      }).messages.stream(params);
      expect(await stream.finalText()).toBe('12345');
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    } finally {
      await slow.close();
    }
  });
});

describe('fake Claude, failures', () => {
  it('529 overloaded_error → OverloadedError, an APIError with status 529', async () => {
    fake.enqueue({ kind: 'http-error', status: 529, errorType: 'overloaded_error' });

    const error = await failure();

    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      name: 'OverloadedError',
      status: 529,
      type: 'overloaded_error',
      apiMessage: 'Overloaded',
      requestID: expect.stringMatching(/^req_/),
    });
  });

  it('429 rate_limit_error → RateLimitError carrying retry-after', async () => {
    fake.enqueue({ kind: 'http-error', status: 429, errorType: 'rate_limit_error', retryAfter: 7 });

    const error = await failure();

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('7');
  });

  it('500 api_error → InternalServerError; 400 → BadRequestError', async () => {
    fake.enqueue(
      { kind: 'http-error', status: 500, errorType: 'api_error' },
      { kind: 'http-error', status: 400, errorType: 'invalid_request_error', message: 'bad' },
    );

    const serverError = await failure();
    const requestError = await failure();

    expect(serverError).toBeInstanceOf(InternalServerError);
    expect(serverError).toMatchObject({ status: 500, type: 'api_error' });
    expect(requestError).toBeInstanceOf(BadRequestError);
    expect(requestError).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      apiMessage: 'bad',
    });
  });

  it('sends the JSON error body Anthropic sends', async () => {
    fake.enqueue({ kind: 'http-error', status: 529, errorType: 'overloaded_error' });

    const response = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ ...params, stream: true }),
    });

    expect(response.status).toBe(529);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: response.headers.get('request-id'),
    });
  });

  it('an error event mid-stream → APIError without status, naming the error type', async () => {
    fake.enqueue({ kind: 'mid-stream-error', chunks: ['partial ', 'text'] });
    const stream = client.messages.stream(params);
    let text = '';
    stream.on('text', (delta) => (text += delta));

    const error = await stream.finalMessage().catch((e: unknown) => e);

    expect(text).toBe('partial text');
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: undefined, type: 'overloaded_error' });
    expect((error as Error).message).toContain('overloaded_error');
  });

  it('a dropped socket mid-stream → AnthropicError "terminated", not an APIError', async () => {
    fake.enqueue({ kind: 'drop', chunks: ['half'] });
    const stream = client.messages.stream(params);
    let text = '';
    stream.on('text', (delta) => (text += delta));

    const error = await stream.finalMessage().catch((e: unknown) => e);

    expect(text).toBe('half');
    expect(error).toBeInstanceOf(AnthropicError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/terminated/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('a refused connection → APIConnectionError', async () => {
    const { url } = fake;
    await fake.close();
    const offline = new Anthropic({ apiKey: 'test', baseURL: url, maxRetries: 0 });

    const error = await offline.messages
      .stream(params)
      .finalMessage()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ status: undefined, message: 'Connection error.' });
  });

  it('a stall sends its chunks, then nothing until close() ends it', async () => {
    fake.enqueue({ kind: 'stall', chunks: ['waiting'] });
    const stream = client.messages.stream(params);
    const firstText = new Promise<string>((resolve) => stream.once('text', resolve));
    const outcome = stream.finalMessage().catch((e: unknown) => e);

    expect(await firstText).toBe('waiting');
    const settledEarly = await Promise.race([
      outcome.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 100)),
    ]);
    expect(settledEarly).toBe(false);

    await fake.close();
    const error = await outcome;
    expect(error).toBeInstanceOf(AnthropicError);
    expect(error).not.toBeInstanceOf(APIError);
  });
});

describe('fake Claude, helpers', () => {
  it('waitForRequests resolves once n requests have arrived', async () => {
    const waiting = fake.waitForRequests(2);
    await streamed();
    await streamed();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('waitForRequests rejects after its timeout', async () => {
    await expect(fake.waitForRequests(1, 50)).rejects.toThrow(/expected 1 requests/);
  });

  it('the Models API: every model by default; with known models, others are not found', async () => {
    await expect(client.models.retrieve('claude-anything')).resolves.toMatchObject({
      type: 'model',
      id: 'claude-anything',
    });
    fake.setKnownModels(['claude-sonnet-5-5']);
    await expect(client.models.retrieve('claude-sonnet-5-5')).resolves.toMatchObject({
      id: 'claude-sonnet-5-5',
    });
    const lookup = client.models.retrieve('claude-3-5-sonnet-latest');
    await expect(lookup).rejects.toBeInstanceOf(NotFoundError);
    await expect(lookup).rejects.toMatchObject({ type: 'not_found_error' });
    // The Messages API refuses it the same way, before streaming anything.
    const sent = client.messages.create({ ...params, stream: true });
    await expect(sent).rejects.toBeInstanceOf(NotFoundError);
    expect(fake.modelLookups).toEqual([
      'claude-anything',
      'claude-sonnet-5-5',
      'claude-3-5-sonnet-latest',
    ]);

    fake.failModelLookups(503);
    await expect(client.models.retrieve('claude-sonnet-5-5')).rejects.toBeInstanceOf(
      InternalServerError,
    );
  });

  it('answers other paths with a not_found_error', async () => {
    const response = await fetch(`${fake.url}/v1/models`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error' },
    });
  });
});
