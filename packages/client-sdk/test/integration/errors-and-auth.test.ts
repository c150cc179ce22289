import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  RepruvClient,
  UnauthorizedError,
  UpstreamError,
  type ChatStreamEvent,
  type RepruvError,
  type Fetch,
  type TokenStorage,
} from '../../src/index.js';
import {
  clientFor,
  collect,
  deltaText,
  messageRows,
  rejectionOf,
  sleep,
  useTestServer,
} from './support.js';

// Guest tokens live 34 s: the SDK renews 30 s early, so a call 4 s later renews, and the calls
// before that have at least 3 s of margin (expiry is whole seconds) on a busy machine.
const t = useTestServer({ AUTH_GUEST_TTL_S: '34' });

/** The real fetch, remembering the X-Request-Id of the last response. */
function requestIdFetch() {
  const seen: { requestId: string | null } = { requestId: null };
  const fetchAndLog: Fetch = async (url, init) => {
    const response = await fetch(url, init);
    seen.requestId = response.headers.get('x-request-id');
    return response;
  };
  return { seen, fetch: fetchAndLog };
}

describe('typed errors from the real server', () => {
  it('InvalidRequestError: empty or blank content, a malformed id', async () => {
    const client = clientFor(t, 'errors');
    const session = await client.sessions.create();
    for (const content of ['', '   \n']) {
      const error = await rejectionOf(client.messages.send({ sessionId: session.id, content }));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
      expect((error as RepruvError).requestId).toEqual(expect.any(String));
    }
    const streamed = client.messages.stream({ sessionId: session.id, content: ' ' });
    expect(await rejectionOf(collect(streamed))).toBeInstanceOf(InvalidRequestError);
    expect(await rejectionOf(client.sessions.get('not-a-uuid'))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await messageRows(t, session.id)).toHaveLength(0);
  });

  it('NotFoundError: an unknown session or message', async () => {
    const client = clientFor(t, 'errors');
    const unknown = randomUUID();
    const error = await rejectionOf(client.sessions.get(unknown));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
    expect(
      await rejectionOf(client.messages.send({ sessionId: unknown, content: 'hi' })),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await rejectionOf(client.messages.stream({ sessionId: unknown, content: 'hi' }).text()),
    ).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(client.messages.list(unknown))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(client.messages.stop(unknown))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(collect(client.messages.resume(unknown)))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await rejectionOf(client.sessions.update(unknown, { title: 'x' }))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('ConflictError: a message sent while a reply still streams', async () => {
    const client = clientFor(t, 'errors');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'stall', chunks: ['busy'] });
    const stalled = client.messages.stream({ sessionId: session.id, content: 'first' });
    await new Promise<void>((resolve) => stalled.on('delta', () => resolve()));

    const error = await rejectionOf(client.messages.send({ sessionId: session.id, content: 'x' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
    expect(await messageRows(t, session.id)).toHaveLength(2);

    await client.messages.stop(stalled.messageId!);
    await expect(stalled.finalMessage()).resolves.toMatchObject({
      status: 'stopped',
      content: 'busy',
    });
  });

  it('PayloadTooLargeError: a 70 KB message', async () => {
    const client = clientFor(t, 'errors');
    const session = await client.sessions.create();
    const error = await rejectionOf(
      client.messages.send({ sessionId: session.id, content: 'x'.repeat(70 * 1024) }),
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await messageRows(t, session.id)).toHaveLength(0);
  });

  it('UpstreamError: Claude fails a non-streamed send; requestId is the X-Request-Id', async () => {
    const { seen, fetch } = requestIdFetch();
    const client = clientFor(t, 'errors', { fetch });
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const error = await rejectionOf(client.messages.send({ sessionId: session.id, content: 'q' }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 502, code: 'upstream_error' });
    expect(seen.requestId).toEqual(expect.any(String));
    expect((error as UpstreamError).requestId).toBe(seen.requestId);

    // Sending it again with the same id regenerates the failed reply.
    const rows = await messageRows(t, session.id);
    const retried = await client.messages.send({
      sessionId: session.id,
      content: 'q',
      clientMessageId: rows[0]!.client_message_id,
    });
    expect(retried.assistant_message).toMatchObject({ status: 'complete', content: 'You said: q' });
    expect(retried.user_message.id).toBe(rows[0]!.id);
  });

  it('a bad Last-Event-ID is InvalidRequestError; Claude failing before a stream is UpstreamError', async () => {
    const client = clientFor(t, 'errors');
    const session = await client.sessions.create();
    const stream = client.messages.stream({ sessionId: session.id, content: 'q' });
    const id = (await stream.finalMessage()).id;
    for (const lastEventId of ['nonsense', '100000']) {
      const resumed = client.messages.resume(id, { lastEventId });
      expect(await rejectionOf(collect(resumed))).toBeInstanceOf(InvalidRequestError);
    }

    // The stream has begun (created) when Claude fails: the failure comes as an error event,
    // and the thrown error carries the stream response's X-Request-Id.
    const { seen, fetch } = requestIdFetch();
    const watched = clientFor(t, 'errors', { fetch });
    t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const failed = watched.messages.stream({ sessionId: session.id, content: 'again' });
    const types: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const event of failed) types.push(event.type);
      })(),
    );
    expect(types).toEqual(['created', 'error']);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(seen.requestId).toEqual(expect.any(String));
    expect((error as RepruvError).requestId).toBe(seen.requestId);
  });

  it('NetworkError when nothing answers', async () => {
    const closed = clientFor(t, 'errors', { baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    const error = await rejectionOf(closed.sessions.list());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error' });
  });

  it('an error event mid-stream: deltas first, then the error event, then a typed throw', async () => {
    const client = clientFor(t, 'errors');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'mid-stream-error', chunks: ['Part', 'ial '] });
    const stream = client.messages.stream({ sessionId: session.id, content: 'q' });
    const events: ChatStreamEvent[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const event of stream) events.push(event);
      })(),
    );
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('created');
    expect(types.at(-1)).toBe('error');
    expect(new Set(types.slice(1, -1))).toEqual(new Set(['delta']));
    expect(deltaText(events)).toBe('Partial ');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'upstream_error', retryable: true },
    });
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(await rejectionOf(stream.text())).toBe(error);

    const rows = await messageRows(t, session.id);
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'error'],
    ]);
  });
});

const ORIGIN = 'http://localhost:5173';

/** The real fetch, with a log of every request's method, path and Authorization header. */
function recordingFetch() {
  const calls: { method: string; path: string; authorization: string | null }[] = [];
  const fetchAndLog: Fetch = (url, init) => {
    calls.push({
      method: init.method ?? 'GET',
      path: new URL(url).pathname,
      authorization: new Headers(init.headers).get('authorization'),
    });
    return fetch(url, init);
  };
  return { calls, fetch: fetchAndLog };
}

const subjectOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;

function memoryStorage(): TokenStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => map.set(key, value),
  };
}

describe('bearer tokens', () => {
  it('after a 401 the SDK asks getToken once more and the call succeeds', async () => {
    const expired = await t.tokenFor('refresher', { expiresIn: '-1s' });
    const good = await t.tokenFor('refresher');
    const tokens = [expired, good];
    let asked = 0;
    const client = new RepruvClient({ baseUrl: t.url, getToken: () => tokens[asked++] });
    const session = await client.sessions.create({ title: 'after refresh' });
    expect(session.title).toBe('after refresh');
    expect(asked).toBe(2);
  });

  it('a badly signed token is refreshed too, also for a stream', async () => {
    const good = await t.tokenFor('refresher');
    const forged = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    const session = await clientFor(t, 'refresher').sessions.create();
    let asked = 0;
    const client = new RepruvClient({
      baseUrl: t.url,
      getToken: () => (asked++ === 0 ? forged : good),
    });
    const stream = client.messages.stream({ sessionId: session.id, content: 'hi' });
    expect(deltaText(await collect(stream))).toBe('You said: hi');
    expect(asked).toBe(2);
  });

  it('tokens that stay bad end in UnauthorizedError after one renewal', async () => {
    const expired = await t.tokenFor('refresher', { expiresIn: '-1s' });
    let asked = 0;
    const client = new RepruvClient({
      baseUrl: t.url,
      getToken: () => {
        asked++;
        return expired;
      },
    });
    const error = await rejectionOf(client.sessions.list());
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(asked).toBe(2);

    const anonymous = new RepruvClient({ baseUrl: t.url });
    expect(await rejectionOf(anonymous.sessions.create())).toBeInstanceOf(UnauthorizedError);
    const fixed = new RepruvClient({ baseUrl: t.url, token: 'not-a-jwt' });
    expect(await rejectionOf(fixed.sessions.list())).toBeInstanceOf(UnauthorizedError);
  });
});

describe('guest visitors', () => {
  it('get a token, chat, and keep their identity when the token is renewed', async () => {
    const storage = memoryStorage();
    const { calls, fetch } = recordingFetch();
    const guest = RepruvClient.guest({
      baseUrl: t.url,
      siteKey: 'pk_dev',
      headers: { Origin: ORIGIN },
      storage,
      fetch,
    });
    const session = await guest.sessions.create({ title: 'guest chat' });
    const stream = guest.messages.stream({ sessionId: session.id, content: 'Hello' });
    await expect(stream.text()).resolves.toBe('You said: Hello');
    const issued = calls.filter((c) => c.path === '/api/v1/auth/guest');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.authorization).toBeNull();
    const firstToken = JSON.parse(storage.map.get('repruv.guest.pk_dev')!).token as string;
    expect(subjectOf(firstToken)).toMatch(/^guest:/);

    // Four seconds later the token is within 30 s of expiring: the next call renews it first.
    await sleep(4100);
    const page = await guest.sessions.list();
    expect(page.data.map((s) => s.id)).toEqual([session.id]);
    const renewals = calls.filter((c) => c.path === '/api/v1/auth/guest');
    expect(renewals).toHaveLength(2);
    expect(renewals[1]!.authorization).toBe(`Bearer ${firstToken}`);
    const secondToken = JSON.parse(storage.map.get('repruv.guest.pk_dev')!).token as string;
    expect(secondToken).not.toBe(firstToken);
    expect(subjectOf(secondToken)).toBe(subjectOf(firstToken));
    expect(calls.at(-1)!.authorization).toBe(`Bearer ${secondToken}`);

    // A new client on the same storage (a page reload) is the same visitor, history and all.
    const reloaded = RepruvClient.guest({
      baseUrl: t.url,
      siteKey: 'pk_dev',
      headers: { Origin: ORIGIN },
      storage,
    });
    const history = await reloaded.messages.list(session.id);
    expect(history.data.map((m) => m.content)).toEqual(['Hello', 'You said: Hello']);
  });

  it('concurrent first calls share one guest token request', async () => {
    const { calls, fetch } = recordingFetch();
    const guest = RepruvClient.guest({
      baseUrl: t.url,
      siteKey: 'pk_dev',
      headers: { Origin: ORIGIN },
      fetch,
    });
    const [session, page] = await Promise.all([
      guest.sessions.create({ title: 'together' }),
      guest.sessions.list(),
      guest.sessions.list(),
    ]);
    expect(session.title).toBe('together');
    expect(page.data.length).toBeLessThanOrEqual(1);
    expect(calls.filter((c) => c.path === '/api/v1/auth/guest')).toHaveLength(1);
    const tokens = new Set(calls.map((c) => c.authorization).filter(Boolean));
    expect(tokens.size).toBe(1);
  });

  it('a stored token the server rejects is replaced after the 401', async () => {
    const storage = memoryStorage();
    storage.map.set(
      'repruv.guest.pk_dev',
      JSON.stringify({
        token: 'garbage',
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
      }),
    );
    const guest = RepruvClient.guest({
      baseUrl: t.url,
      siteKey: 'pk_dev',
      headers: { Origin: ORIGIN },
      storage,
    });
    const session = await guest.sessions.create();
    expect(session.title).toBe('New Chat');
    expect(JSON.parse(storage.map.get('repruv.guest.pk_dev')!).token).not.toBe('garbage');
  });

  it('a foreign origin or an unknown site key is ForbiddenError', async () => {
    const sessionsBefore = (await t.server.db('ai_chat_sessions')).length;
    const foreign = RepruvClient.guest({
      baseUrl: t.url,
      siteKey: 'pk_dev',
      headers: { Origin: 'https://evil.example' },
    });
    const error = await rejectionOf(foreign.sessions.create());
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });

    const unknown = RepruvClient.guest({
      baseUrl: t.url,
      siteKey: 'pk_nope',
      headers: { Origin: ORIGIN },
    });
    expect(await rejectionOf(unknown.sessions.list())).toBeInstanceOf(ForbiddenError);
    expect(await t.server.db('ai_chat_sessions')).toHaveLength(sessionsBefore);
  });
});
