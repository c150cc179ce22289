import { describe, expect, test } from 'vitest';
import {
  assertDatabaseConsistent,
  call,
  createSession,
  expectAlive,
  messageRow,
  send,
  sendStream,
  sessionRows,
  unique,
  useFaultStack,
  waitFor,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let breakerServer: ServerProcess;
const stack = useFaultStack('upstream', {
  setup: async ({ start }) => {
    // Failures must not open the circuit here; the breaker has its own server below.
    server = await start('upstream');
    breakerServer = await start('breaker', { CLAUDE_CB_THRESHOLD: '3', CLAUDE_CB_COOLDOWN: '2' });
  },
});
const user = `upstream-${unique()}`;

describe('Claude failing before the reply starts', () => {
  test.each([
    { status: 529, errorType: 'overloaded_error' },
    { status: 500, errorType: 'api_error' },
  ])(
    'HTTP $status: 502 (or an SSE error), the user message kept, the reply "error", a retry answers',
    async ({ status, errorType }) => {
      const sessionId = await createSession(server, user);
      const key = `fail-${status}-${unique()}`;
      stack.claude.script(
        key,
        { kind: 'http-error', status, errorType },
        { kind: 'http-error', status, errorType },
      );

      const plain = await send(server, user, sessionId, `${key} plain`, {
        clientMessageId: `${key}-1`,
      });
      expect(plain.status).toBe(502);
      const body = (await plain.json()) as {
        error: { code: string; details: { assistant_message_id: string; user_message_id: string } };
      };
      expect(body.error.code).toBe('upstream_error');
      expect((await messageRow(stack.db, body.error.details.assistant_message_id))?.status).toBe(
        'error',
      );
      expect((await messageRow(stack.db, body.error.details.user_message_id))?.content).toBe(
        `${key} plain`,
      );

      const stream = await sendStream(server, user, sessionId, `${key} streamed`);
      await stream.rest();
      expect(stream.terminal?.event).toBe('error');
      expect(stream.terminal?.data.error).toMatchObject({
        code: 'upstream_error',
        retryable: true,
      });
      expect(stream.terminal?.data.message.status).toBe('error');

      // The same client_message_id again: the failed reply is generated again, nothing duplicated.
      const retry = await send(server, user, sessionId, `${key} plain`, {
        clientMessageId: `${key}-1`,
      });
      expect(retry.status).toBe(201);
      const retried = (await retry.json()) as { assistant_message: { id: string; status: string } };
      expect(retried.assistant_message).toMatchObject({
        id: body.error.details.assistant_message_id,
        status: 'complete',
      });
      const rows = await sessionRows(stack.db, sessionId);
      expect(rows.map((row) => [row.role, row.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'complete'],
        ['user', 'complete'],
        ['assistant', 'error'],
      ]);
      await assertDatabaseConsistent(stack.db);
    },
  );
});

describe('Claude failing in the middle of a reply', () => {
  test.each([
    {
      name: 'an error event',
      reply: { kind: 'mid-stream-error' as const, chunks: ['Hello', ', wor'] },
    },
    { name: 'a dropped connection', reply: { kind: 'drop' as const, chunks: ['Hello', ', wor'] } },
    {
      name: 'a stall past the idle timeout',
      reply: { kind: 'stall' as const, chunks: ['Hello', ', wor'] },
    },
  ])(
    '$name: the client gets an error event, the text so far is kept, the reply is "error"',
    async ({ reply }) => {
      const sessionId = await createSession(server, user);
      const key = `mid-${reply.kind}-${unique()}`;
      stack.claude.script(key, reply);
      const stream = await sendStream(server, user, sessionId, key);
      await stream.rest(30_000);
      expect(stream.text).toBe('Hello, wor');
      expect(stream.terminal?.event).toBe('error');
      expect(stream.terminal?.data.error.code).toBe('upstream_error');
      expect(stream.terminal?.data.message).toMatchObject({
        status: 'error',
        content: 'Hello, wor',
      });
      const row = await messageRow(stack.db, stream.created.assistant_message.id);
      expect(row).toMatchObject({ status: 'error', content: 'Hello, wor' });
      await assertDatabaseConsistent(stack.db);
    },
  );
});

test('Claude’s own 429: that send fails, both instances wait out its retry-after (503, Claude not called), then answer', async () => {
  const [here, there] = [
    await createSession(server, user),
    await createSession(breakerServer, user),
  ];
  const key = `rate-${unique()}`;
  stack.claude.script(key, {
    kind: 'http-error',
    status: 429,
    errorType: 'rate_limit_error',
    retryAfter: 2,
  });
  expect((await send(server, user, here, `${key} first`)).status).toBe(502);

  const callsBefore = stack.claude.fake.requests.length;
  for (const [instance, sessionId] of [
    [server, here],
    [breakerServer, there],
  ] as const) {
    const refused = await send(instance, user, sessionId, `${key} refused`);
    expect(refused.status).toBe(503);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('upstream_unavailable');
    expect(body.error.message).toMatch(/Claude is at its rate limit/);
  }
  expect(stack.claude.fake.requests.length).toBe(callsBefore);
  expect(await sessionRows(stack.db, here)).toHaveLength(2);
  expect(await sessionRows(stack.db, there)).toHaveLength(0);

  const recovered = await waitFor(
    async () => {
      const response = await send(breakerServer, user, there, `${key} after`);
      return response.status === 503 ? undefined : response;
    },
    10_000,
    'the rate limit is waited out',
    250,
  );
  expect(recovered.status).toBe(201);
  expect((await send(server, user, here, `${key} here too`)).status).toBe(201);
  expectAlive(server);
  expectAlive(breakerServer);
  await assertDatabaseConsistent(stack.db);
});

test('the circuit opens after consecutive outages (503 + Retry-After, Claude not called), then recovers', async () => {
  const sessionId = await createSession(breakerServer, user);
  const key = `breaker-${unique()}`;
  const outage = { kind: 'http-error' as const, status: 500, errorType: 'api_error' };
  stack.claude.script(key, outage, outage, outage);
  for (let i = 0; i < 3; i += 1) {
    const response = await send(breakerServer, user, sessionId, `${key} ${i}`);
    expect(response.status).toBe(502);
  }

  const callsBefore = stack.claude.fake.requests.length;
  for (let i = 0; i < 5; i += 1) {
    const refused = await send(breakerServer, user, sessionId, `${key} refused ${i}`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'upstream_unavailable',
    );
  }
  // A streamed send is refused the same way, before any SSE header.
  const refusedStream = await call(breakerServer, '/chat/messages?stream=true', {
    as: user,
    json: { session_id: sessionId, content: `${key} refused stream` },
  });
  expect(refusedStream.status).toBe(503);
  expect(refusedStream.headers.get('content-type')).toContain('application/json');
  expect(refusedStream.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(stack.claude.fake.requests.length).toBe(callsBefore);
  // Nothing was stored for the refused sends.
  expect((await sessionRows(stack.db, sessionId)).length).toBe(6);

  // After the cooldown one trial call goes through; it succeeds and the circuit closes.
  const recovered = await waitFor(
    async () => {
      const response = await send(breakerServer, user, sessionId, `${key} after`);
      if (response.status === 503) return undefined;
      return response;
    },
    20_000,
    'the circuit half-opens',
    250,
  );
  expect(recovered.status).toBe(201);
  expect((await send(breakerServer, user, sessionId, `${key} closed`)).status).toBe(201);
  expect(stack.claude.fake.requests.length).toBe(callsBefore + 2);
  expectAlive(breakerServer);
  expectAlive(server);
  await assertDatabaseConsistent(stack.db);
});
