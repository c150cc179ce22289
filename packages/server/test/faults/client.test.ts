import { expect, test } from 'vitest';
import {
  assertDatabaseConsistent,
  call,
  createSession,
  deltaText,
  expectAlive,
  messageRow,
  reattach,
  sendStream,
  sleep,
  unique,
  useFaultStack,
  waitFor,
  words,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
const stack = useFaultStack('client', {
  setup: async ({ start }) => {
    server = await start('client', { CHAT_ORPHAN_GRACE_S: '2' });
  },
});
const user = `client-${unique()}`;

test('a client that disconnects mid-stream: generation goes on for the grace, then stops, text kept', async () => {
  const sessionId = await createSession(server, user);
  const key = `leave-${unique()}`;
  const reply = words(100);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 100 });
  const stream = await sendStream(server, user, sessionId, key);
  await stream.untilDeltas(3);
  const seen = stream.text;
  const messageId = stream.created.assistant_message.id;
  stream.abort();

  const row = await waitFor(
    async () => {
      const current = await messageRow(stack.db, messageId);
      return current?.status !== 'streaming' ? current : undefined;
    },
    30_000,
    'the orphaned reply stops',
  );
  expect(row).toMatchObject({ status: 'stopped', stop_reason: 'client_disconnected' });
  expect(row.content.startsWith(seen)).toBe(true);
  expect(reply.text.startsWith(row.content)).toBe(true);
  expect(row.content.length).toBeLessThan(reply.text.length);
  expectAlive(server);
  await assertDatabaseConsistent(stack.db);
});

test('re-attaching 0.5 s after a disconnect continues the reply with nothing lost', async () => {
  const sessionId = await createSession(server, user);
  const key = `back-${unique()}`;
  const reply = words(30);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 60 });
  const first = await sendStream(server, user, sessionId, key);
  await first.untilDeltas(5);
  const seen = first.text;
  const lastId = first.lastId!;
  expect(Number(lastId)).toBe(seen.length);
  first.abort();
  await sleep(500);

  const resumed = await reattach(server, user, first.created.assistant_message.id, lastId);
  expect(resumed.status).toBe(200);
  await resumed.rest();
  expect(seen + resumed.text).toBe(reply.text);
  expect(resumed.terminal?.event).toBe('message.completed');
  expect(resumed.terminal?.data.message).toMatchObject({ status: 'complete', content: reply.text });
  expect(await messageRow(stack.db, first.created.assistant_message.id)).toMatchObject({
    status: 'complete',
    content: reply.text,
  });
  await assertDatabaseConsistent(stack.db);
});

test('re-attaching after the grace replays the finished, stopped reply', async () => {
  const sessionId = await createSession(server, user);
  const key = `late-${unique()}`;
  const reply = words(100);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 100 });
  const first = await sendStream(server, user, sessionId, key);
  await first.untilDeltas(3);
  const seen = first.text;
  const lastId = first.lastId!;
  const messageId = first.created.assistant_message.id;
  first.abort();
  const row = await waitFor(
    async () => {
      const current = await messageRow(stack.db, messageId);
      return current?.status === 'stopped' ? current : undefined;
    },
    30_000,
    'the orphaned reply stops',
  );

  const replay = await reattach(server, user, messageId);
  await replay.rest();
  expect(replay.events.map((event) => event.event)).toEqual([
    'message.created',
    'message.delta',
    'message.completed',
  ]);
  expect(replay.text).toBe(row.content);
  expect(replay.terminal?.data.message).toMatchObject({ status: 'stopped', content: row.content });

  const tail = await reattach(server, user, messageId, lastId);
  await tail.rest();
  expect(seen + tail.text).toBe(row.content);
  expect(tail.terminal?.data.message.status).toBe('stopped');
  await assertDatabaseConsistent(stack.db);
});

test('stop racing completion: always one terminal state, complete or stopped, never error', async () => {
  const rounds = 48;
  const chunks = ['a', 'b', 'c', 'd', 'e'];
  const outcomes = await Promise.all(
    Array.from({ length: 8 }, async (_, lane) => {
      const results: string[] = [];
      const sessionId = await createSession(server, user);
      for (let round = lane; round < rounds; round += 8) {
        const key = `race-${round}-${unique()}`;
        stack.claude.script(key, { kind: 'text', chunks, chunkDelayMs: 15 });
        const stream = await sendStream(server, user, sessionId, key);
        const messageId = stream.created.assistant_message.id;
        // Fire the stop after 1..5 deltas: with 5, exactly as the reply completes.
        const after = (round % 5) + 1;
        let stop: Promise<Response> | undefined;
        for (;;) {
          const event = await stream.next();
          if (!event) break;
          const deltas = deltaText(stream.events).length;
          if (!stop && (deltas >= after || event.event !== 'message.delta')) {
            stop = call(server, `/chat/messages/${messageId}/stop`, { as: user, method: 'POST' });
          }
        }
        const stopped = await stop!;
        expect(stopped.status).toBe(200);
        const stopAnswer = (await stopped.json()) as { status: string; content: string };
        const terminals = stream.events.filter(
          (event) => event.event === 'message.completed' || event.event === 'error',
        );
        expect(terminals.map((event) => event.event)).toEqual(['message.completed']);
        const row = await messageRow(stack.db, messageId);
        expect(['complete', 'stopped']).toContain(row!.status);
        expect(terminals[0]!.data.message.status).toBe(row!.status);
        expect(stopAnswer.status).toBe(row!.status);
        expect(stopAnswer.content).toBe(row!.content);
        expect('abcde'.startsWith(row!.content)).toBe(true);
        if (row!.status === 'complete') expect(row!.content).toBe('abcde');
        results.push(row!.status);
      }
      return results;
    }),
  );
  const all = outcomes.flat();
  expect(all).toHaveLength(rounds);
  const stoppedCount = all.filter((status) => status === 'stopped').length;
  console.info(`stop race: ${rounds - stoppedCount} complete, ${stoppedCount} stopped`);
  expectAlive(server);
  await assertDatabaseConsistent(stack.db);
});
