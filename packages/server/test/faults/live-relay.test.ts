import type { ChildProcess } from 'node:child_process';
import { expect, test } from 'vitest';
import { freePort, killRedisServer, startRedisServer } from './infra.js';
import {
  assertDatabaseConsistent,
  createSession,
  expectAlive,
  messageRow,
  reattach,
  sendStream,
  sleep,
  unique,
  useFaultStack,
  words,
  type ServerProcess,
} from './support.js';

// This file's own Redis, so that restarting it leaves the other files' alone.
let redis: ChildProcess | undefined;
let redisPort = 0;
let a: ServerProcess;
let b: ServerProcess;

const startRedis = async () => {
  redis = await startRedisServer(redisPort);
};
const killRedis = () => killRedisServer(redis);

const stack = useFaultStack('relay', {
  setup: async ({ start }) => {
    redisPort = await freePort();
    await startRedis();
    // A checkpoint a minute apart: whatever a follower hears before the end came through Redis.
    const overrides = {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      CHAT_FLUSH_MS: '60000',
      CHAT_ORPHAN_GRACE_S: '30',
    };
    [a, b] = await Promise.all([start('A', overrides), start('B', overrides)]);
  },
  beforeTeardown: killRedis,
});

test('followers on B hear a reply generating on A as it is written, none of it through the database', async () => {
  const user = `relayed-${unique()}`;
  const sessionId = await createSession(a, user);
  const key = `relay-${unique()}`;
  const reply = words(60);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 75 });
  const onA = await sendStream(a, user, sessionId, key);
  const messageId = onA.created.assistant_message.id;
  await onA.untilDeltas(3);

  const onB = await reattach(b, user, messageId);
  await onB.untilDeltas(10);
  // A second follower on B joins later, from the start: it hears what the first heard, then the rest.
  const lateOnB = await reattach(b, user, messageId);
  await lateOnB.untilDeltas(3);
  const row = await messageRow(stack.db, messageId);
  expect(row?.status).toBe('streaming');
  expect(row?.content).toBe(''); // no checkpoint yet: B's text came from Redis

  await Promise.all([onA.rest(30_000), onB.rest(30_000), lateOnB.rest(30_000)]);
  for (const stream of [onA, onB, lateOnB]) {
    expect(stream.text).toBe(reply.text);
    expect(stream.terminal?.event).toBe('message.completed');
    expect(stream.terminal?.data.message).toMatchObject({
      status: 'complete',
      content: reply.text,
    });
  }
  // Followers mark the reply in Redis, not the database.
  const { rows } = await stack.db.pool.query<{ followed_at: Date | null }>(
    'SELECT followed_at FROM ai_chat_messages WHERE id = $1',
    [messageId],
  );
  expect(rows[0]!.followed_at).toBeNull();
  await assertDatabaseConsistent(stack.db);
});

test('Redis restarted mid-reply: followers fall back to the database and lose or repeat nothing', async () => {
  const user = `restart-${unique()}`;
  const sessionId = await createSession(a, user);
  const key = `relay-restart-${unique()}`;
  const reply = words(80);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 75 });
  const onA = await sendStream(a, user, sessionId, key);
  const messageId = onA.created.assistant_message.id;
  const onB = await reattach(b, user, messageId);
  await onB.untilDeltas(5);

  await killRedis();
  await sleep(500);
  await startRedis(); // empty: the reply's stream is gone
  // A follower arriving after the restart finds no stream to catch up on, and still gets it all.
  const afterRestart = await reattach(b, user, messageId);

  await Promise.all([onA.rest(30_000), onB.rest(30_000), afterRestart.rest(30_000)]);
  for (const stream of [onA, onB, afterRestart]) {
    expect(stream.text).toBe(reply.text);
    expect(stream.terminal?.data.message).toMatchObject({
      status: 'complete',
      content: reply.text,
    });
  }
  expectAlive(a);
  expectAlive(b);
  await assertDatabaseConsistent(stack.db);
});
