import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { connectDatabase } from './connect.js';
import { initializeEmbeddedFolder } from './embedded-first-start.js';

test('a new PGlite folder is made by a child process, and the server opens it as its own', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'repruv-first-start-')), 'data');
  await initializeEmbeddedFolder({ pgliteDir: dir });
  expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
  const made = statSync(path.join(dir, 'PG_VERSION')).mtimeMs;

  // A folder that holds a database is left as it is.
  await initializeEmbeddedFolder({ pgliteDir: dir });
  expect(statSync(path.join(dir, 'PG_VERSION')).mtimeMs).toBe(made);

  const db = connectDatabase({ pgliteDir: dir });
  try {
    const { rows } = (await db.raw('SELECT 1 + 1 AS two')) as { rows: Array<{ two: number }> };
    expect(rows[0]!.two).toBe(2);
  } finally {
    await db.destroy();
  }
}, 120_000);

test('nothing to make for PostgreSQL or an in-memory database', async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'repruv-first-start-'));
  const dir = path.join(parent, 'never');
  await initializeEmbeddedFolder({ pgliteDir: 'memory://' });
  await initializeEmbeddedFolder({ url: 'postgres://unused', pgliteDir: dir });
  expect(readdirSync(parent)).toEqual([]);
});
