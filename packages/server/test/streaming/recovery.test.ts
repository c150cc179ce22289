import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { insertChain } from '../support/contract.js';
import { regenerate } from '../support/tree-api.js';
import { createSession, messageRow } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('replies left streaming by a crash become "error" with their text; live leases are kept', async () => {
  const sessionId = await createSession(t);
  const otherSession = await createSession(t);
  const streaming = (content: string, leaseMs: number) => [
    {
      role: 'assistant' as const,
      content,
      status: 'streaming' as const,
      lease_expires_at: new Date(Date.now() + leaseMs),
    },
  ];
  const crashed = (await insertChain(t, sessionId, streaming('half', -1000)))[0]!;
  const elsewhere = (await insertChain(t, otherSession, streaming('live', 60_000)))[0]!;
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

test('a regenerated reply left streaming by a crash becomes "error"; its repeat generates it again', async () => {
  const sessionId = await createSession(t);
  const [prompt, first, crashed] = [randomUUID(), randomUUID(), randomUUID()];
  await insertChain(t, sessionId, [
    { id: prompt, role: 'user', content: 'q' },
    { id: first, role: 'assistant', content: 'first answer' },
  ]);
  await insertChain(
    t,
    sessionId,
    [
      {
        id: crashed,
        role: 'assistant',
        content: 'half of another',
        status: 'streaming',
        client_message_id: 'regen-crash',
        lease_expires_at: new Date(Date.now() - 1000),
      },
    ],
    prompt,
  );
  await t.server.recoverAbandonedReplies();
  expect(await messageRow(t, crashed)).toMatchObject({
    status: 'error',
    content: 'half of another',
  });

  const retried = await regenerate(t, first, { clientMessageId: 'regen-crash' });
  expect(retried.assistant_message).toMatchObject({
    id: crashed,
    status: 'complete',
    content: 'You said: q',
    sibling_ids: [first, crashed],
  });
  expect(retried.user_message.id).toBe(prompt);
});
