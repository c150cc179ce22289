import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { answers, buildChat, ScriptedGenerator } from '../../../test/support/chat-units.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { connectDatabase, type Database } from '../connect.js';
import { migrationSource } from '../migrate.js';
import { migrateDownThrough } from '../../../test/support/migrate-down.js';

// On PostgreSQL when DATABASE_URL is set, else on PGlite: the migration must run on both.
let database: TestDatabase;
let db: Database;
const userId = randomUUID();
const sessionId = randomUUID();
const otherSession = randomUUID();
const legacy = [
  { role: 'user', content: 'q1', status: 'complete' },
  { role: 'assistant', content: 'r1', status: 'complete' },
  { role: 'user', content: 'q2', status: 'complete' },
  { role: 'assistant', content: 'broken', status: 'error' },
  { role: 'user', content: 'q3', status: 'complete' },
  { role: 'assistant', content: 'half', status: 'stopped' },
] as const;
let ids: string[];

const upTo006: typeof migrationSource = {
  ...migrationSource,
  getMigrations: async (loaders) =>
    (await migrationSource.getMigrations(loaders)).filter((m) => m.name <= '006'),
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = connectDatabase({ url: database.url, pgliteDir: database.pgliteDir });
  await db.migrate.latest({ migrationSource: upTo006 });
  await db('users').insert({ id: userId, external_id: `legacy-${userId}` });
  for (const id of [sessionId, otherSession]) {
    await db('ai_chat_sessions').insert({
      id,
      user_id: userId,
      title: 'Legacy',
      mode: 'general',
      message_count: id === sessionId ? legacy.length : 1,
    });
  }
  ids = legacy.map(() => randomUUID());
  for (const [i, row] of legacy.entries()) {
    await db('ai_chat_messages').insert({
      id: ids[i],
      session_id: sessionId,
      user_id: userId,
      ...row,
      reply_to_message_id: row.role === 'assistant' ? ids[i - 1] : null,
    });
    // Another session's message between each: its rows must not join this chain.
    if (i === 2) {
      await db('ai_chat_messages').insert({
        id: randomUUID(),
        session_id: otherSession,
        user_id: userId,
        role: 'user',
        content: 'elsewhere',
        status: 'complete',
      });
    }
  }
  await db.migrate.latest({ migrationSource });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

test('each legacy message follows the one before it, and the last is the leaf', async () => {
  const rows = await db('ai_chat_messages').where({ session_id: sessionId }).orderBy('seq');
  expect(rows.map((row) => row.parent_id)).toEqual([null, ...ids.slice(0, -1)]);
  const session = await db('ai_chat_sessions').where({ id: sessionId }).first();
  expect(session.current_message_id).toBe(ids.at(-1));
  const other = await db('ai_chat_messages').where({ session_id: otherSession }).first();
  expect(other.parent_id).toBeNull();
  const otherRow = await db('ai_chat_sessions').where({ id: otherSession }).first();
  expect(otherRow.current_message_id).toBe(other.id);
});

test('the history reads as it did, one branch without alternatives, and a send continues it', async () => {
  const generator = new ScriptedGenerator(answers('r4'));
  const chat = buildChat(db, generator);
  const page = await chat.messages.list(userId, sessionId, { limit: 50 });
  expect(page.data.map((m) => [m.role, m.content, m.status])).toEqual(
    legacy.map((row) => [row.role, row.content, row.status]),
  );
  expect(page.data.every((m) => m.sibling_ids.length === 1 && m.feedback === null)).toBe(true);

  const pair = await chat.messages.send({ userId, sessionId, content: 'q4' });
  expect(pair.userMessage.parent_id).toBe(ids.at(-1));
  await chat.messages.awaitReply(pair);
  expect(generator.calls[0]!.turns.map((turn) => turn.content)).toEqual([
    'q1',
    'r1',
    'q2\n\nq3',
    'half',
    'q4',
  ]);
});

test('down and up again (through the migrations after it, then 007 itself)', async () => {
  await migrateDownThrough(db, '009');
  expect(await db.schema.hasTable('ai_message_search')).toBe(false);
  await migrateDownThrough(db, '008');
  expect(await db.schema.hasTable('ai_attachments')).toBe(false);
  expect(await db.schema.hasColumn('ai_chat_messages', 'attachment_ids')).toBe(false);
  await migrateDownThrough(db, '007');
  expect(await db.schema.hasTable('ai_message_feedback')).toBe(false);
  expect(await db.schema.hasColumn('ai_chat_messages', 'parent_id')).toBe(false);
  await db.migrate.latest({ migrationSource });
  expect(await db.schema.hasColumn('ai_chat_sessions', 'current_message_id')).toBe(true);
  expect(await db.schema.hasTable('ai_attachment_blobs')).toBe(true);
});
