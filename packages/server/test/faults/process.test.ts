import { expect, test } from 'vitest';
import {
  assertDatabaseConsistent,
  createSession,
  messageRow,
  send,
  sendStream,
  sessionRows,
  unique,
  useFaultStack,
  waitFor,
  words,
} from './support.js';

const stack = useFaultStack('process');
const { start } = stack;
const user = `process-${unique()}`;

test('kill -9 mid-stream: after a restart the reply becomes "error" (text kept), the user message stays', async () => {
  const first = await start('doomed');
  const sessionId = await createSession(first, user);
  const key = `crash-${unique()}`;
  const reply = words(300);
  stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 100 });
  const stream = await sendStream(first, user, sessionId, key, { clientMessageId: key });
  await stream.untilDeltas(5);
  const messageId = stream.created.assistant_message.id;
  // Wait until some text is checkpointed, then crash.
  const checkpointed = await waitFor(
    async () => (await messageRow(stack.db, messageId))?.content,
    10_000,
    'a checkpoint',
  );
  first.child.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  await stream.restTolerant();
  expect(stream.terminal).toBeUndefined();

  const second = await start('restarted', {}, first.port);
  // The lease is max(10 s, 5 × CHAT_FLUSH_MS): the start-up or the periodic sweep finishes the reply.
  const row = await waitFor(
    async () => {
      const current = await messageRow(stack.db, messageId);
      return current?.status !== 'streaming' ? current : undefined;
    },
    45_000,
    'the abandoned reply is swept',
    250,
  );
  expect(row).toMatchObject({ status: 'error', stop_reason: 'server_restart' });
  expect(row.content.startsWith(checkpointed)).toBe(true);
  expect(reply.text.startsWith(row.content)).toBe(true);
  const rows = await sessionRows(stack.db, sessionId);
  expect(rows.map((r) => [r.role, r.content === key ? 'prompt' : 'reply'])).toEqual([
    ['user', 'prompt'],
    ['assistant', 'reply'],
  ]);
  await assertDatabaseConsistent(stack.db);

  // The client sends again with the same client_message_id: the same reply is generated afresh.
  const again = await send(second, user, sessionId, key, { clientMessageId: key });
  expect(again.status).toBe(201);
  const pair = (await again.json()) as { assistant_message: { id: string; status: string } };
  expect(pair.assistant_message).toMatchObject({ id: messageId, status: 'complete' });
  expect((await sessionRows(stack.db, sessionId)).length).toBe(2);
  await assertDatabaseConsistent(stack.db);
});

test('SIGTERM drains: short replies finish, long ones are stopped at the deadline, exit code 0', async () => {
  const server = await start('draining', { SHUTDOWN_DRAIN_MS: '3000' });
  const short = words(10, 's');
  const long = words(300, 'l');
  const streams = await Promise.all(
    ['short', 'short', 'long', 'long'].map(async (kind) => {
      const sessionId = await createSession(server, user);
      const key = `drain-${kind}-${unique()}`;
      const reply = kind === 'short' ? short : long;
      stack.claude.script(key, { kind: 'text', chunks: reply.chunks, chunkDelayMs: 100 });
      const stream = await sendStream(server, user, sessionId, key);
      await stream.untilDeltas(1);
      return { kind, reply, stream };
    }),
  );
  server.child.kill('SIGTERM');
  await Promise.all(streams.map(({ stream }) => stream.rest(30_000)));
  const exit = await server.exited;
  expect(exit, server.logs()).toEqual({ code: 0, signal: null });

  for (const { kind, reply, stream } of streams) {
    const row = await messageRow(stack.db, stream.created.assistant_message.id);
    expect(stream.terminal?.event, `${kind}: ${JSON.stringify(stream.events.at(-1))}`).toBe(
      'message.completed',
    );
    if (kind === 'short') {
      expect(row).toMatchObject({ status: 'complete', content: reply.text });
      expect(stream.text).toBe(reply.text);
    } else {
      expect(row).toMatchObject({ status: 'stopped', stop_reason: 'shutdown' });
      expect(row!.content.length).toBeGreaterThan(0);
      expect(reply.text.startsWith(row!.content)).toBe(true);
      expect(stream.text).toBe(row!.content);
    }
    expect(stream.terminal?.data.message).toMatchObject({
      status: row!.status,
      content: row!.content,
    });
  }
  await assertDatabaseConsistent(stack.db);
});
