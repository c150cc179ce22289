import { describe, expect, it } from 'vitest';
import {
  AbortError,
  BudgetExceededError,
  ChallengeRequiredError,
  ConflictError,
  ForbiddenError,
  InternalServerError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  RepruvClient,
  RepruvError,
  RequestTimeoutError,
  UnauthorizedError,
  UpstreamError,
  UpstreamUnavailableError,
} from '../src/index.js';
import { useFakeApi } from './support/fake-api.js';

const server = useFakeApi();

const client = (options: Partial<ConstructorParameters<typeof RepruvClient>[0]> = {}) =>
  new RepruvClient({ baseUrl: server.url, token: 'good', maxRetries: 0, ...options });

const cases = [
  [400, 'invalid_request', InvalidRequestError],
  [401, 'unauthorized', UnauthorizedError],
  [401, 'challenge_required', ChallengeRequiredError],
  [403, 'forbidden', ForbiddenError],
  [404, 'not_found', NotFoundError],
  [408, 'request_timeout', RequestTimeoutError],
  [409, 'conflict', ConflictError],
  [413, 'payload_too_large', PayloadTooLargeError],
  [429, 'rate_limited', RateLimitError],
  [429, 'budget_exceeded', BudgetExceededError],
  [500, 'internal', InternalServerError],
  [502, 'upstream_error', UpstreamError],
  [503, 'upstream_unavailable', UpstreamUnavailableError],
] as const;

describe('typed errors over HTTP', () => {
  it.each(cases)('%i %s becomes %o', async (status, code, Class) => {
    server.failNext({ status, code, headers: { 'Retry-After': '7' } });
    const error = await client()
      .sessions.get('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(RepruvError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: Class.name,
      status,
      code,
      message: `${code} happened`,
      details: { hint: code },
    });
    const { requestId } = error as RepruvError;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    if (
      error instanceof RateLimitError ||
      error instanceof UpstreamUnavailableError ||
      error instanceof BudgetExceededError
    ) {
      expect(error.retryAfter).toBe(7);
    }
  });

  it('maps a real 404 of the server', async () => {
    await expect(
      client().sessions.get('00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('maps a missing token to UnauthorizedError', async () => {
    await expect(client({ token: undefined }).sessions.list()).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('throws NetworkError when nothing listens', async () => {
    const url = server.url;
    await server.close();
    const error = await new RepruvClient({ baseUrl: url, token: 'good', maxRetries: 0 }).sessions
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error', name: 'NetworkError' });
    expect((error as NetworkError).status).toBeUndefined();
  });

  it('says which URL got no answer and what to check', async () => {
    const url = server.url;
    await server.close();
    const error = await new RepruvClient({ baseUrl: url, token: 'good', maxRetries: 0 }).sessions
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    const { message } = error as NetworkError;
    expect(message).toContain(`${url}/api/v1/chat/sessions`);
    expect(message).toMatch(/server running/);
    expect(message).toMatch(/baseUrl/);
    expect(message).toMatch(/CORS/);
  });

  it('throws NetworkError when the server does not answer within timeoutMs', async () => {
    server.failNext({ status: 0, code: '', hang: true });
    const started = Date.now();
    const error = await client({ timeoutMs: 100 })
      .sessions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws AbortError when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await client()
      .sessions.list({}, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
  });
});

describe('RepruvError.fromResponse', () => {
  it('picks the class by code, then by status', () => {
    expect(
      RepruvError.fromResponse(400, { error: { code: 'conflict', message: 'm' } }),
    ).toBeInstanceOf(ConflictError);
    expect(RepruvError.fromResponse(404, null)).toBeInstanceOf(NotFoundError);
    expect(RepruvError.fromResponse(404, 'not json')).toMatchObject({
      code: 'not_found',
      message: 'HTTP 404',
    });
    const teapot = RepruvError.fromResponse(418, {
      error: { code: 'teapot', message: 'short and stout' },
    });
    expect(teapot.constructor).toBe(RepruvError);
    expect(teapot).toMatchObject({ status: 418, code: 'teapot', message: 'short and stout' });
  });

  it('a bare 401 or 429 is the general class, not a challenge or a budget', () => {
    expect(RepruvError.fromResponse(401, null).constructor).toBe(UnauthorizedError);
    expect(RepruvError.fromResponse(429, null).constructor).toBe(RateLimitError);
    const challenge = RepruvError.fromResponse(401, { error: { code: 'challenge_required' } });
    expect(challenge).toBeInstanceOf(ChallengeRequiredError);
    expect(challenge).toBeInstanceOf(UnauthorizedError);
    const budget = RepruvError.fromResponse(429, { error: { code: 'budget_exceeded' } });
    expect(budget).toBeInstanceOf(BudgetExceededError);
    expect(budget).not.toBeInstanceOf(RateLimitError);
  });

  it('reads the request id from the body, else the X-Request-Id header', () => {
    const headers = new Headers({ 'X-Request-Id': 'from-header' });
    expect(RepruvError.fromResponse(500, { request_id: 'from-body' }, headers).requestId).toBe(
      'from-body',
    );
    expect(RepruvError.fromResponse(500, {}, headers).requestId).toBe('from-header');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const seconds = RepruvError.fromResponse(429, {}, new Headers({ 'Retry-After': '3' }));
    expect((seconds as RateLimitError).retryAfter).toBe(3);
    const date = new Date(Date.now() + 10_000).toUTCString();
    const dated = RepruvError.fromResponse(503, {}, new Headers({ 'Retry-After': date }));
    expect((dated as UpstreamUnavailableError).retryAfter).toBeGreaterThan(8);
    expect((dated as UpstreamUnavailableError).retryAfter).toBeLessThanOrEqual(10);
  });

  it('gives a stream error (no status) the status of its code', () => {
    const error = RepruvError.fromResponse(0, {
      error: { code: 'upstream_error', message: 'Claude failed' },
    });
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.status).toBe(502);
  });
});
