import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/connect.js';
import { createSession, openUnitDatabase } from '../../../test/support/chat-units.js';
import { pairInsert, persistPair } from './persist-pair.js';
import { newPairIds } from './types.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

const reply = () => ({
  model: 'claude-unit-test',
  recordedAs: { personaId: null, experimentId: null, variantId: null },
  ownerInstance: randomUUID(),
  leaseExpiresAt: new Date(Date.now() + 10_000),
});

test('the pair and the touch of its session are one statement: a knex CTE', () => {
  const input = { userId: randomUUID(), sessionId: randomUUID(), content: 'Hi' };
  const { sql } = pairInsert(db, input, newPairIds(), reply(), null).toSQL().toNative();
  expect(sql).toMatch(
    /^with "inserted" as \(insert into "ai_chat_messages" \(.+\) values \(.+\), \(.+\) returning \*\), "touched" as \(update "ai_chat_sessions" set "message_count" = message_count \+ 2, "current_message_id" = \$\d+, "activity_seq" = nextval\('ai_chat_activity_seq'\), "last_message_at" = \$\d+, "updated_at" = \$\d+ where "id" = \$\d+ returning "id"\) select "inserted"\.\*, \(SELECT .+\) AS sibling_ids from "inserted" order by "seq" asc$/s,
  );
});

test('stores the prompt, then its streaming reply, and counts both on the session', async () => {
  const session = await createSession(db);
  const ids = newPairIds();
  const pending = reply();
  const input = {
    userId: session.user_id,
    sessionId: session.id,
    content: 'Hello',
    clientMessageId: 'c-1',
  };
  const { userMessage, assistantMessage } = await persistPair(db, input, ids, pending, null);

  expect(userMessage).toMatchObject({
    id: ids.user,
    role: 'user',
    content: 'Hello',
    status: 'complete',
    client_message_id: 'c-1',
  });
  expect(assistantMessage).toMatchObject({
    id: ids.assistant,
    role: 'assistant',
    content: '',
    status: 'streaming',
    parent_id: ids.user,
    reply_to_message_id: ids.user,
    model: 'claude-unit-test',
    owner_instance: pending.ownerInstance,
  });
  expect(BigInt(assistantMessage.seq)).toBeGreaterThan(BigInt(userMessage.seq));
  const touched = await db('ai_chat_sessions').where({ id: session.id }).first();
  expect(Number(touched.message_count)).toBe(2);
  expect(touched.current_message_id).toBe(ids.assistant);
  expect(BigInt(touched.activity_seq)).toBeGreaterThan(BigInt(session.activity_seq));
  expect(new Date(touched.last_message_at).getTime()).toBe(
    new Date(assistantMessage.created_at).getTime(),
  );
});

test('a pair whose client_message_id was used in the session is refused whole', async () => {
  const session = await createSession(db);
  const input = {
    userId: session.user_id,
    sessionId: session.id,
    content: 'Hi',
    clientMessageId: 'x',
  };
  await persistPair(db, input, newPairIds(), reply(), null);
  await expect(persistPair(db, input, newPairIds(), reply(), null)).rejects.toThrow();
  const touched = await db('ai_chat_sessions').where({ id: session.id }).first();
  expect(Number(touched.message_count)).toBe(2);
});
