import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { connectDatabase, type Database } from '../connect.js';
import { migrationSource } from '../migrate.js';
import { migrateDownThrough } from '../../../test/support/migrate-down.js';

// On PostgreSQL when DATABASE_URL is set, else on PGlite: migration 009 must run on both.
let database: TestDatabase;
let db: Database;
const userId = randomUUID();
const named = randomUUID();
const unnamed = randomUUID();
const messages = [
  { id: randomUUID(), role: 'user', content: 'Écrire un script', status: 'complete' },
  { id: randomUUID(), role: 'assistant', content: '東京の動画', status: 'complete' },
  { id: randomUUID(), role: 'assistant', content: 'half a rep', status: 'streaming' },
];

const upTo008: typeof migrationSource = {
  ...migrationSource,
  getMigrations: async (loaders) =>
    (await migrationSource.getMigrations(loaders)).filter((m) => m.name <= '008'),
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = connectDatabase({ url: database.url, pgliteDir: database.pgliteDir });
  await db.migrate.latest({ migrationSource: upTo008 });
  await db('users').insert({ id: userId, external_id: `legacy-${userId}` });
  await db('ai_chat_sessions').insert([
    { id: named, user_id: userId, title: 'My launch plan', mode: 'general' },
    { id: unnamed, user_id: userId, title: 'New Chat', mode: 'general' },
  ]);
  for (const message of messages) {
    await db('ai_chat_messages').insert({ ...message, session_id: named, user_id: userId });
  }
  await db.migrate.latest({ migrationSource });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

test('finished messages already stored are indexed; a streaming one waits for its end', async () => {
  const rows = await db('ai_message_search').orderBy('message_id');
  const indexed = rows.map((row: { message_id: string }) => row.message_id).sort();
  expect(indexed).toEqual([messages[0]!.id, messages[1]!.id].sort());
  const words = await db('ai_message_search')
    .where({ message_id: messages[0]!.id })
    .select(db.raw('search_vector::text AS words'))
    .first();
  // Each word keyed by its owner: the first 8 hex digits of the user's id.
  const key = userId.slice(0, 8);
  expect(words.words).toBe(`'${key}ecrire':1 '${key}script':3 '${key}un':2`);
  const spaceless = await db('ai_message_search').where({ message_id: messages[1]!.id }).first();
  expect(spaceless.spaceless_text).toBe('東京の動画');
});

test('the trigger indexes a reply when it finishes, not at its checkpoints', async () => {
  const streaming = messages[2]!.id;
  await db('ai_chat_messages').where({ id: streaming }).update({ content: 'half a reply so far' });
  expect(await db('ai_message_search').where({ message_id: streaming })).toEqual([]);
  await db('ai_chat_messages')
    .where({ id: streaming })
    .update({ content: 'half a reply, finished', status: 'complete' });
  const row = await db('ai_message_search').where({ message_id: streaming }).first();
  expect(row).toMatchObject({ user_id: userId, session_id: named });
});

test('a title other than "New Chat" counts as given by the user; the default stays replaceable', async () => {
  const rows = await db('ai_chat_sessions').select('id', 'title_source');
  const sources = Object.fromEntries(
    rows.map((r: { id: string; title_source: string }) => [r.id, r.title_source]),
  );
  expect(sources).toEqual({ [named]: 'user', [unnamed]: 'default' });
});

test('it migrates down and up again', async () => {
  await migrateDownThrough(db, '009');
  expect(await db.schema.hasTable('ai_message_search')).toBe(false);
  await db.migrate.latest({ migrationSource });
  expect((await db('ai_message_search')).length).toBe(3);
});
