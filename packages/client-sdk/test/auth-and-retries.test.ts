import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  InvalidRequestError,
  RateLimitError,
  RepruvClient,
  UnauthorizedError,
  UpstreamUnavailableError,
} from '../src/index.js';
import { useFakeApi } from './support/fake-api.js';

const server = useFakeApi();

describe('tokens', () => {
  it('sends a fixed token as a bearer token', async () => {
    const client = new RepruvClient({ baseUrl: server.url, token: 'good' });
    await client.sessions.list();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer good');
    expect(server.requests[0]?.path).toBe('/api/v1/chat/sessions');
  });

  it('accepts a base URL with a trailing slash', async () => {
    const client = new RepruvClient({ baseUrl: `${server.url}/`, token: 'good' });
    await client.sessions.list();
    expect(server.requests[0]?.path).toBe('/api/v1/chat/sessions');
  });

  it('calls getToken for each request, sync or async', async () => {
    let calls = 0;
    const sync = new RepruvClient({ baseUrl: server.url, getToken: () => (calls++, 'good') });
    await sync.sessions.list();
    await sync.sessions.list();
    expect(calls).toBe(2);
    const async = new RepruvClient({ baseUrl: server.url, getToken: async () => 'good' });
    await expect(async.sessions.list()).resolves.toMatchObject({ data: [] });
  });

  it('after a 401 calls getToken once more and retries with the new token', async () => {
    const tokens = ['expired', 'good'];
    const client = new RepruvClient({ baseUrl: server.url, getToken: () => tokens.shift() });
    await expect(client.sessions.list()).resolves.toMatchObject({ data: [] });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer expired',
      'Bearer good',
    ]);
  });

  it('gives up with UnauthorizedError after one refresh', async () => {
    let calls = 0;
    const client = new RepruvClient({ baseUrl: server.url, getToken: () => `bad-${++calls}` });
    await expect(client.sessions.list()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 401 with a fixed token', async () => {
    const client = new RepruvClient({ baseUrl: server.url, token: 'bad' });
    await expect(client.sessions.list()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(server.requests).toHaveLength(1);
  });

  it('sends the headers option with every request', async () => {
    const client = new RepruvClient({
      baseUrl: server.url,
      token: 'good',
      headers: { 'X-App': 'demo' },
    });
    await client.sessions.list({}, { headers: { 'X-Call': 'one' } });
    expect(server.requests[0]?.headers).toMatchObject({ 'x-app': 'demo', 'x-call': 'one' });
  });
});

describe('retries', () => {
  const client = (maxRetries?: number) =>
    new RepruvClient({
      baseUrl: server.url,
      token: 'good',
      ...(maxRetries !== undefined && { maxRetries }),
    });

  it('retries a 429 after Retry-After', async () => {
    server.failNext({ status: 429, code: 'rate_limited', headers: { 'Retry-After': '0' } });
    await expect(client().sessions.list()).resolves.toMatchObject({ data: [] });
    expect(server.requests).toHaveLength(2);
  });

  it('waits the Retry-After of a 503', async () => {
    server.failNext({ status: 503, code: 'upstream_unavailable', headers: { 'Retry-After': '1' } });
    const started = Date.now();
    await client().sessions.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    { status: 429, code: 'rate_limited' },
    { status: 503, code: 'upstream_unavailable' },
  ])(
    'a $status asking to wait 30 s is thrown at once, with retryAfter, not slept through',
    async (failure) => {
      server.failNext({ ...failure, headers: { 'Retry-After': '30' } });
      const error = await client()
        .sessions.list()
        .catch((err: unknown) => err);
      expect((error as RateLimitError).code).toBe(failure.code);
      expect((error as RateLimitError).retryAfter).toBe(30);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('stops after maxRetries (default 2) and throws the last error', async () => {
    server.failNext({
      status: 429,
      code: 'rate_limited',
      headers: { 'Retry-After': '0' },
      times: 5,
    });
    const error = await client()
      .sessions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(0);
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a spent budget, which lasts until its reset, and says when that is', async () => {
    const session = server.addSession();
    const resetsAt = new Date(Date.now() + 3_600_000).toISOString();
    const budget = {
      status: 429,
      code: 'budget_exceeded',
      headers: { 'Retry-After': '3600' },
      details: { scope: 'site', resets_at: resetsAt },
      match: /POST \/api\/v1\/chat\/messages$/,
      times: 3,
    };
    server.failNext(budget);
    const error = await client()
      .messages.send({ sessionId: session.id, content: 'Hi' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 'budget_exceeded',
      retryAfter: 3600,
      details: { scope: 'site', resets_at: resetsAt },
    });
    expect(server.calls('POST', /messages$/)).toHaveLength(1);

    server.failNext({ ...budget, headers: { 'Retry-After': '0' } });
    const stream = client().messages.stream({ sessionId: session.id, content: 'Hi' });
    await expect(stream.text()).rejects.toBeInstanceOf(BudgetExceededError);
    expect(server.calls('POST', /messages$/)).toHaveLength(2);
  });

  it('honours maxRetries: 0', async () => {
    server.failNext({ status: 503, code: 'upstream_unavailable', headers: { 'Retry-After': '0' } });
    await expect(client(0).sessions.list()).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries GET after a connection cut', async () => {
    server.failNext({ status: 0, code: '', cut: true });
    await expect(client().sessions.list()).resolves.toMatchObject({ data: [] });
    expect(server.requests).toHaveLength(2);
  });

  it('retries PATCH and DELETE', async () => {
    const session = server.addSession();
    server.failNext({ status: 0, code: '', cut: true, match: /PATCH/ });
    await expect(client().sessions.update(session.id, { title: 'Renamed' })).resolves.toMatchObject(
      {
        title: 'Renamed',
      },
    );
    server.failNext({ status: 0, code: '', cut: true, match: /DELETE/ });
    await expect(client().sessions.delete(session.id)).resolves.toBeUndefined();
    expect(server.sessions).toHaveLength(0);
  });

  it('never repeats creating a session after a cut connection (no idempotency key), but waits out a refusal', async () => {
    server.failNext({ status: 0, code: '', cut: true });
    await expect(client().sessions.create()).rejects.toThrow();
    expect(server.calls('POST', /sessions$/)).toHaveLength(1);
    // A refusal did nothing: a busy server's 503 overloaded and a 429 are waited out like any other.
    server.failNext({ status: 503, code: 'overloaded', headers: { 'Retry-After': '0' } });
    server.failNext({ status: 429, code: 'rate_limited', headers: { 'Retry-After': '0' } });
    await expect(client().sessions.create()).resolves.toMatchObject({ id: expect.any(String) });
    expect(server.calls('POST', /sessions$/)).toHaveLength(4);
    expect(server.sessions).toHaveLength(1);
    server.failNext({ status: 503, code: 'overloaded', headers: { 'Retry-After': '30' } });
    await expect(client().sessions.create()).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(server.sessions).toHaveLength(1);
  });

  it('does not retry a 400', async () => {
    const session = server.addSession();
    await expect(
      client().messages.send({ sessionId: session.id, content: '   ' }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a send with the same client_message_id, storing one message', async () => {
    const session = server.addSession();
    server.failNext({ status: 0, code: '', cut: true, match: /POST \/api\/v1\/chat\/messages$/ });
    const result = await client().messages.send({ sessionId: session.id, content: 'Hi' });
    expect(result.assistant_message).toMatchObject({
      content: 'Hello wörld 😀!',
      status: 'complete',
    });
    const sends = server.calls('POST', /\/chat\/messages$/);
    expect(sends).toHaveLength(2);
    expect(sends[0]?.body?.client_message_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sends[1]?.body?.client_message_id).toBe(sends[0]?.body?.client_message_id);
    expect(server.messages).toHaveLength(2);
  });

  it('sends the clientMessageId it is given', async () => {
    const session = server.addSession();
    await client().messages.send({
      sessionId: session.id,
      content: 'Hi',
      clientMessageId: 'mine-1',
    });
    expect(server.requests[0]?.body).toEqual({
      session_id: session.id,
      content: 'Hi',
      client_message_id: 'mine-1',
    });
  });
});
