import { expect, test } from 'vitest';
import { pgCtl } from './infra.js';
import {
  assertDatabaseConsistent,
  call,
  createSession,
  expectAlive,
  infra,
  messageRow,
  send,
  sendStream,
  unique,
  useFaultStack,
  waitFor,
  words,
  type ServerProcess,
  type Stream,
} from './support.js';

let server: ServerProcess;
let postgresDown = false;
const stack = useFaultStack('database', {
  setup: async ({ start }) => {
    server = await start('database');
  },
  beforeTeardown: () => {
    if (postgresDown) pgCtl(infra(), ['start']);
  },
});
const user = `database-${unique()}`;

async function expectUnavailable(response: Response) {
  const body = await response.text();
  expect(response.status, body).toBe(503);
  expect(response.headers.get('retry-after')).toBe('2');
  expect(JSON.parse(body)).toMatchObject({
    error: { code: 'upstream_unavailable', message: 'The database is unavailable; retry shortly.' },
  });
}

async function startReplies(count: number, chunks: number, label: string) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const sessionId = await createSession(server, user);
      const key = `${label}-${i}-${unique()}`;
      const reply = words(chunks, `${label}${i}-`);
      stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 100 });
      const stream = await sendStream(server, user, sessionId, key, { clientMessageId: key });
      await stream.untilDeltas(1);
      return { sessionId, key, reply, stream };
    }),
  );
}

async function expectFinishedWhole(replies: Array<{ reply: { text: string }; stream: Stream }>) {
  for (const { reply, stream } of replies) {
    await stream.rest(60_000);
    expect(stream.text).toBe(reply.text);
    expect(stream.terminal?.event, JSON.stringify(stream.terminal)).toBe('message.completed');
    expect(stream.terminal?.data.message).toMatchObject({
      status: 'complete',
      content: reply.text,
    });
    expect(await messageRow(stack.db, stream.created.assistant_message.id)).toMatchObject({
      status: 'complete',
      content: reply.text,
    });
  }
}

test('PostgreSQL down while replies stream: 503s meanwhile, then everything works and nothing is lost', async () => {
  const sessionId = await createSession(server, user);
  // Two replies outlast the outage; one ends during it (its final write must wait for the database).
  const lasting = await startReplies(2, 100, 'lasts');
  const [ending] = await startReplies(1, 25, 'ends');

  pgCtl(infra(), ['stop', '-m', 'fast']);
  postgresDown = true;
  await expectUnavailable(await call(server, '/chat/sessions', { as: user }));
  await expectUnavailable(await call(server, '/chat/sessions', { as: user, json: {} }));
  await expectUnavailable(await call(server, `/chat/messages/${sessionId}`, { as: user }));
  await expectUnavailable(await send(server, user, sessionId, 'during the outage'));
  await expectUnavailable(
    await call(server, '/chat/messages?stream=true', {
      as: user,
      json: { session_id: sessionId, content: 'during the outage, streamed' },
    }),
  );
  expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  // A brand-new user (not yet cached) is refused the same way.
  await expectUnavailable(await call(server, '/chat/sessions', { as: `new-${unique()}` }));

  // Wait until the short reply has all its text: its final write is now waiting for the database.
  await waitFor(
    async () => {
      while (ending!.stream.text.length < ending!.reply.text.length) await ending!.stream.next();
      return true;
    },
    30_000,
    'the short reply generated',
  );
  const early = await ending!.stream.next(1500).catch(() => undefined);
  expect(early, 'a final event while the database is down').toBeUndefined();

  pgCtl(infra(), ['start']);
  postgresDown = false;
  await waitFor(
    async () => (await call(server, '/chat/sessions', { as: user })).status === 200,
    20_000,
    'requests succeed again',
    200,
  );
  const after = await send(server, user, sessionId, 'after the outage');
  expect(after.status).toBe(201);

  await expectFinishedWhole([ending!, ...lasting]);
  expectAlive(server);
  // Nothing stored for the refused sends: the session holds only the message sent afterwards.
  const { rows } = await stack.db.pool.query(
    'SELECT role, content FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq',
    [sessionId],
  );
  expect(rows.map((row) => row.role)).toEqual(['user', 'assistant']);
  await assertDatabaseConsistent(stack.db);
});

test('pg_ctl restart -m fast while replies stream: they complete, and sends succeed afterwards', async () => {
  const live = await startReplies(3, 40, 'restart');
  pgCtl(infra(), ['restart', '-m', 'fast']);
  const sessionId = await waitFor(
    async () => {
      const response = await call(server, '/chat/sessions', { as: user, json: {} });
      if (response.status !== 201) {
        expect(response.status).toBe(503);
        return undefined;
      }
      return ((await response.json()) as { id: string }).id;
    },
    20_000,
    'a session can be created again',
    200,
  );
  expect((await send(server, user, sessionId, 'after the restart')).status).toBe(201);
  await expectFinishedWhole(live);
  expectAlive(server);
  await assertDatabaseConsistent(stack.db);
});
