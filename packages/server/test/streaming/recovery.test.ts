import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, messageRow } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('replies left streaming by a crash become "error" with their text; live leases are kept', async () => {
  const sessionId = await createSession(t);
  const { user_id: userId } = await t.server
    .db('ai_chat_sessions')
    .where({ id: sessionId })
    .first();
  const crashed = randomUUID();
  const elsewhere = randomUUID();
  const otherSession = await createSession(t);
  await t.server.db('ai_chat_messages').insert([
    {
      id: crashed,
      session_id: sessionId,
      user_id: userId,
      role: 'assistant',
      content: 'half',
      status: 'streaming',
      lease_expires_at: new Date(Date.now() - 1000),
    },
    {
      id: elsewhere,
      session_id: otherSession,
      user_id: userId,
      role: 'assistant',
      content: 'live',
      status: 'streaming',
      lease_expires_at: new Date(Date.now() + 60_000),
    },
  ]);
  await t.server.recoverAbandonedReplies();
  expect(await messageRow(t, crashed)).toMatchObject({
    status: 'error',
    content: 'half',
    stop_reason: 'server_restart',
  });
  const live = await messageRow(t, elsewhere);
  // The embedded database has one process, so every streaming row is abandoned on start;
  // on PostgreSQL another instance may own it, and its unexpired lease protects it.
  expect(live.status).toBe(process.env.DATABASE_URL ? 'streaming' : 'error');
});
