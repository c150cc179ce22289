import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { fallbackPrompt } from '../../llm/system-prompts.js';
import { connectDatabase, type Database } from '../connect.js';
import { migrationSource } from '../migrate.js';
import { migrateDownThrough } from '../../../test/support/migrate-down.js';

// Migration 014 on a database that already holds conversations.
let database: TestDatabase;
let db: Database;
const userId = randomUUID();
const sessionId = randomUUID();
const replyId = randomUUID();

const upTo013: typeof migrationSource = {
  ...migrationSource,
  getMigrations: async (loaders) =>
    (await migrationSource.getMigrations(loaders)).filter((m) => m.name <= '013'),
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = connectDatabase({ url: database.url, pgliteDir: database.pgliteDir });
  await db.migrate.latest({ migrationSource: upTo013 });
  await db('users').insert({ id: userId, external_id: `legacy-${userId}` });
  await db('ai_chat_sessions').insert({
    id: sessionId,
    user_id: userId,
    title: 'Old',
    mode: 'ideas',
  });
  await db('ai_chat_messages').insert({
    id: replyId,
    session_id: sessionId,
    user_id: userId,
    role: 'assistant',
    content: 'An old reply',
    status: 'complete',
  });
  await db.migrate.latest({ migrationSource });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

test('the built-in modes become personas with the prompts they had; old replies name none', async () => {
  const personas = await db('ai_personas').orderBy('mode');
  expect(personas.map((p) => [p.mode, p.built_in, p.site_id])).toEqual([
    ['general', true, null],
    ['ideas', true, null],
    ['strategy', true, null],
    ['writing', true, null],
  ]);
  for (const persona of personas) expect(persona.system_prompt).toBe(fallbackPrompt(persona.mode));
  const [reply] = await db('ai_chat_messages').where({ id: replyId });
  expect(reply).toMatchObject({
    content: 'An old reply',
    persona_id: null,
    variant_id: null,
    first_token_ms: null,
  });
});

test('down undoes it and keeps the conversations', async () => {
  await migrateDownThrough(db, '014');
  const tables = await db.raw("SELECT to_regclass('ai_personas') AS personas");
  expect(tables.rows[0].personas).toBeNull();
  expect(await db('ai_chat_messages').where({ id: replyId })).toHaveLength(1);
  await db.migrate.latest({ migrationSource });
  expect(await db('ai_personas')).toHaveLength(4);
});
