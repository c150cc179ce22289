import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { connectDatabase, type Database } from '../connect.js';
import { migrationSource } from '../migrate.js';
import { migrateDownThrough } from '../../../test/support/migrate-down.js';

// Migration 015 on a database that already holds conversations, one of them a site's.
let database: TestDatabase;
let db: Database;
const siteId = randomUUID();
const userId = randomUUID();
const [siteSession, hostSession] = [randomUUID(), randomUUID()];

const upTo014: typeof migrationSource = {
  ...migrationSource,
  getMigrations: async (loaders) =>
    (await migrationSource.getMigrations(loaders)).filter((m) => m.name <= '014'),
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = connectDatabase({ url: database.url, pgliteDir: database.pgliteDir });
  await db.migrate.latest({ migrationSource: upTo014 });
  await db('sites').insert({
    id: siteId,
    name: 'Shop',
    site_key: 'pk_shop',
    allowed_origins: ['https://shop.example'],
    identity_secret: 'a-secret',
  });
  await db('users').insert({ id: userId, external_id: `legacy-${userId}` });
  for (const id of [siteSession, hostSession]) {
    await db('ai_chat_sessions').insert({ id, user_id: userId, title: 'Old', mode: 'general' });
  }
  await db('api_usage_log').insert([
    { id: randomUUID(), session_id: siteSession, site_id: siteId, model: 'm', outcome: 'complete' },
    { id: randomUUID(), session_id: hostSession, site_id: null, model: 'm', outcome: 'complete' },
  ]);
  await db.migrate.latest({ migrationSource });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

test('older sessions take the site their replies were billed to; the host’s keep none', async () => {
  const sessions = await db('ai_chat_sessions').select('id', 'site_id', 'question_filed_at');
  expect(Object.fromEntries(sessions.map((s) => [s.id, s.site_id]))).toEqual({
    [siteSession]: siteId,
    [hostSession]: null,
  });
  // Not filed yet: the rollup job files their first questions.
  expect(sessions.every((s) => s.question_filed_at === null)).toBe(true);
});

test('down and up again keeps the conversations', async () => {
  await migrateDownThrough(db, '015');
  const tables = await db.raw("SELECT to_regclass('activity_daily') AS activity");
  expect(tables.rows[0].activity).toBeNull();
  expect(await db('ai_chat_sessions')).toHaveLength(2);
  await db.migrate.latest({ migrationSource });
  expect((await db('ai_chat_sessions').where({ id: siteSession }).first()).site_id).toBe(siteId);
});
