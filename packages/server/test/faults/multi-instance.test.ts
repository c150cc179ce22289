import { expect, test } from 'vitest';
import {
  assertDatabaseConsistent,
  call,
  createSession,
  expectAlive,
  messageRow,
  reattach,
  send,
  sendStream,
  sessionRows,
  unique,
  useFaultStack,
  waitFor,
  words,
  type ServerProcess,
} from './support.js';

let a: ServerProcess;
let b: ServerProcess;
const stack = useFaultStack('multi', {
  setup: async ({ start }) => {
    // Same PostgreSQL, same Redis.
    const overrides = { RATE_LIMIT_MESSAGES_PER_MINUTE: '10', STREAMS_PER_USER: '4' };
    [a, b] = await Promise.all([start('A', overrides), start('B', overrides)]);
  },
});

test('the rate limit is shared: the 11th message is refused whichever instance gets it', async () => {
  const user = `limited-${unique()}`;
  const sessionId = await createSession(a, user);
  for (let i = 0; i < 10; i += 1) {
    const response = await send(i % 2 === 0 ? a : b, user, sessionId, `message ${i}`);
    expect(response.status, `message ${i}`).toBe(201);
  }
  for (const server of [a, b]) {
    const refused = await send(server, user, sessionId, `one too many via ${server.name}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  }
  // Another user is not affected.
  const other = `other-${unique()}`;
  expect((await send(b, other, await createSession(b, other), 'hello')).status).toBe(201);
  expect(await sessionRows(stack.db, sessionId)).toHaveLength(20);
  await assertDatabaseConsistent(stack.db);
});

test('a stream started on A is re-attached through B and gets the full text', async () => {
  const user = `roamer-${unique()}`;
  const sessionId = await createSession(a, user);
  const key = `roam-${unique()}`;
  // Longer than A's orphan grace (2 s): A must notice that the client follows through B.
  const reply = words(80);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 75 });
  const onA = await sendStream(a, user, sessionId, key);
  await onA.untilDeltas(5);
  const seen = onA.text;
  const lastId = onA.lastId!;
  onA.abort(); // the client moves to B

  const resumed = await reattach(b, user, onA.created.assistant_message.id, lastId);
  expect(resumed.status).toBe(200);
  await resumed.rest(30_000);
  expect(seen + resumed.text).toBe(reply.text);
  expect(resumed.terminal?.event).toBe('message.completed');
  expect(resumed.terminal?.data.message).toMatchObject({ status: 'complete', content: reply.text });

  // And from the start, through B, once finished.
  const replay = await reattach(b, user, onA.created.assistant_message.id);
  await replay.rest();
  expect(replay.text).toBe(reply.text);
  await assertDatabaseConsistent(stack.db);
});

test('a follower on B sees a reply generating on A from its start to its end', async () => {
  const user = `watcher-${unique()}`;
  const sessionId = await createSession(b, user);
  const key = `watch-${unique()}`;
  const reply = words(30);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 75 });
  const onA = await sendStream(a, user, sessionId, key);
  const onB = await reattach(b, user, onA.created.assistant_message.id);
  await Promise.all([onA.rest(30_000), onB.rest(30_000)]);
  expect(onA.text).toBe(reply.text);
  expect(onB.text).toBe(reply.text);
  expect(onB.terminal?.data.message.status).toBe('complete');
  await assertDatabaseConsistent(stack.db);
});

test('stopping through B a reply generating on A stops it on A', async () => {
  const user = `stopper-${unique()}`;
  const sessionId = await createSession(a, user);
  const key = `remote-stop-${unique()}`;
  const reply = words(200);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 75 });
  const onA = await sendStream(a, user, sessionId, key);
  await onA.untilDeltas(5);
  const messageId = onA.created.assistant_message.id;
  const stopped = await call(b, `/chat/messages/${messageId}/stop`, { as: user, method: 'POST' });
  expect(stopped.status).toBe(200);
  expect(((await stopped.json()) as { status: string }).status).toBe('stopped');
  await onA.rest(30_000);
  expect(onA.terminal?.event).toBe('message.completed');
  expect(onA.terminal?.data.message.status).toBe('stopped');
  const row = await messageRow(stack.db, messageId);
  expect(row?.status).toBe('stopped');
  expect(reply.text.startsWith(row!.content)).toBe(true);
  // A's run has let go: the session takes a new message.
  expect((await send(a, user, sessionId, 'next')).status).toBe(201);
  expectAlive(a);
  expectAlive(b);
  await assertDatabaseConsistent(stack.db);
});

test('the live-stream cap is shared: 4 streams of one user across A and B, one more refused on either', async () => {
  const user = `capped-${unique()}`;
  const sessionId = await createSession(a, user);
  const key = `capped-${unique()}`;
  const reply = words(400); // ~30 s: it outlasts the test, which stops it
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 75 });
  const onA = await sendStream(a, user, sessionId, key);
  const messageId = onA.created.assistant_message.id;
  const held = [onA];
  for (const server of [b, a, b]) {
    const stream = await reattach(server, user, messageId);
    expect(stream.status, `re-attach through ${server.name}`).toBe(200);
    held.push(stream);
  }

  for (const server of [a, b]) {
    const refused = await reattach(server, user, messageId);
    expect(refused.status, `fifth stream through ${server.name}`).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain('at most 4');
  }
  // A send is refused the same way, before anything is stored.
  const other = await createSession(b, user);
  expect((await send(b, user, other, 'one more')).status).toBe(429);
  expect(await sessionRows(stack.db, other)).toHaveLength(0);
  // Another user is not affected.
  const bystander = `bystander-${unique()}`;
  expect((await send(a, bystander, await createSession(a, bystander), 'hi')).status).toBe(201);

  // A stream closed on B frees a slot that A hands out.
  held[1]!.abort();
  const again = await waitFor(
    async () => {
      const stream = await reattach(a, user, messageId);
      if (stream.status === 200) return stream;
      await stream.response.body?.cancel();
      return undefined;
    },
    10_000,
    'a slot freed on B taken on A',
  );
  const over = await reattach(b, user, messageId);
  expect(over.status).toBe(429);

  const stopped = await call(a, `/chat/messages/${messageId}/stop`, { as: user, method: 'POST' });
  expect(stopped.status).toBe(200);
  for (const stream of [...held, again]) stream.abort();
  expectAlive(a);
  expectAlive(b);
  await assertDatabaseConsistent(stack.db);
});
