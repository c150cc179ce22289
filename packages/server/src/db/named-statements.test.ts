import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../test/support/database.js';
import { connectDatabase, type Database } from './connect.js';
import { runNamed } from './named-statements.js';

// PostgreSQL always, whatever DATABASE_URL says: preparing by name is what PostgreSQL does.
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let database: TestDatabase & { url: string };
let prepared: Database;
let plain: Database;

const preparedNames = async (trx: Database) =>
  ((await trx.raw('SELECT name FROM pg_prepared_statements')) as { rows: { name: string }[] }).rows
    .map((row) => row.name)
    .sort();

beforeAll(async () => {
  database = await createPostgresDatabase(POSTGRES_URL);
  prepared = connectDatabase({ url: database.url, pgliteDir: '' });
  plain = connectDatabase({ url: database.url, pgliteDir: '', preparedStatements: false });
  await prepared.raw('CREATE TABLE notes (id int PRIMARY KEY, body text)');
  await prepared('notes').insert([
    { id: 1, body: 'one' },
    { id: 2, body: 'two' },
  ]);
});

afterAll(async () => {
  await prepared?.destroy();
  await plain?.destroy();
  await database?.drop();
});

const READ = 'SELECT id, body FROM notes WHERE id >= ? ORDER BY id';

describe('on PostgreSQL', () => {
  test('a statement is prepared once under its name on the connection, and answers as a plain one', async () => {
    await prepared.transaction(async (trx) => {
      const first = await runNamed(trx, 'notes_from', READ, [1]);
      const again = await runNamed(trx, 'notes_from', READ, [2]);
      expect(first).toEqual([
        { id: 1, body: 'one' },
        { id: 2, body: 'two' },
      ]);
      expect(again).toEqual([{ id: 2, body: 'two' }]);
      expect(await preparedNames(trx)).toEqual(['notes_from']);
    });
  });

  test('DATABASE_PREPARED_STATEMENTS=off prepares nothing, with the same answer', async () => {
    await plain.transaction(async (trx) => {
      expect(await runNamed(trx, 'notes_from', READ, [1])).toHaveLength(2);
      expect(await preparedNames(trx)).toEqual([]);
    });
  });

  test('a column added while statements are prepared does not break them (no `*` in them)', async () => {
    await prepared.transaction(async (trx) => {
      await runNamed(trx, 'notes_from', READ, [1]);
      await trx.raw('ALTER TABLE notes ADD COLUMN tag text');
      expect(await runNamed(trx, 'notes_from', READ, [2])).toEqual([{ id: 2, body: 'two' }]);
      await trx.raw('ALTER TABLE notes DROP COLUMN tag');
    });
  });
});

test('on PGlite, which has one connection, the statement simply runs', async () => {
  const embedded = connectDatabase({ pgliteDir: 'memory://' });
  try {
    await embedded.raw('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    await embedded('notes').insert({ id: 1, body: 'one' });
    expect(await runNamed(embedded, 'notes_from', READ, [1])).toEqual([{ id: 1, body: 'one' }]);
  } finally {
    await embedded.destroy();
  }
});
