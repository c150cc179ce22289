/**
 * What a start does to the database and says in its logs, by environment: the development site key
 * `pk_dev` never outlives a production start, and a real key without NODE_ENV is called out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, expect, test } from 'vitest';
import { DEV_SITE_KEY } from '../../src/auth/site-registry.js';
import { loadConfig } from '../../src/config.js';
import { createRepruvServer, type RepruvServer } from '../../src/server.js';
import { expectError } from '../support/contract.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';

interface LogLine {
  level: number;
  msg: string;
}

const WARN = 40;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database that outlives one server: a PostgreSQL database, or a PGlite folder on disk. */
async function lastingDatabase(): Promise<Record<string, string>> {
  const database = await createTestDatabase();
  if (database.url) {
    cleanups.push(database.drop);
    return { DATABASE_URL: database.url };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'repruv-startup-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { PGLITE_DIR: dir };
}

/** A database for one server: a new PostgreSQL database, or an in-memory PGlite. */
async function freshDatabase(): Promise<Record<string, string>> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: database.pgliteDir };
}

/** Starts (and later closes) a server with exactly `env`, its logs kept in `lines`. */
async function start(
  env: Record<string, string>,
): Promise<{ server: RepruvServer; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const server = await createRepruvServer(
    loadConfig({ CLAUDE_THREAD: 'off', CLAUDE_BASE_URL: 'http://127.0.0.1:9', ...env }),
    { logger },
  );
  cleanups.push(() => server.close());
  return { server, lines };
}

const warnings = (lines: LogLine[]) =>
  lines.filter((line) => line.level >= WARN).map((line) => line.msg);

test(
  'a production start removes the pk_dev that a development start made',
  { timeout: 60_000 },
  async () => {
    const database = await lastingDatabase();
    const development = await start({ ...database, NODE_ENV: 'development' });
    expect(await development.server.sites.findByKey(DEV_SITE_KEY)).toBeDefined();
    await cleanups.pop()!();

    const production = await start({
      ...database,
      NODE_ENV: 'production',
      CLAUDE_API_KEY: 'sk-ant-test',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    });
    expect(await production.server.sites.findByKey(DEV_SITE_KEY)).toBeUndefined();
    expect(warnings(production.lines).some((msg) => msg.includes(DEV_SITE_KEY))).toBe(true);
    const url = await production.server.listen(0, '127.0.0.1');
    const response = await fetch(`${url}/api/v1/auth/guest`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:5173', 'Content-Type': 'application/json' },
      body: JSON.stringify({ site_key: DEV_SITE_KEY }),
    });
    await expectError(response, 403, 'forbidden');
  },
);

test('NODE_ENV unset with a real Claude key warns loudly at start-up', async () => {
  const { lines } = await start({ ...(await freshDatabase()), CLAUDE_API_KEY: 'sk-ant-real' });
  const warning = warnings(lines).find((msg) => msg.includes('NODE_ENV'));
  expect(warning, JSON.stringify(lines)).toMatch(/NODE_ENV is not set/);
  expect(warning).toContain('NODE_ENV=production');
});

test('no such warning when NODE_ENV is set, or without a key', { timeout: 60_000 }, async () => {
  const envs: Array<Record<string, string>> = [
    { NODE_ENV: 'development', CLAUDE_API_KEY: 'sk-ant-real' },
    {},
  ];
  for (const env of envs) {
    const { lines } = await start({ ...(await freshDatabase()), ...env });
    expect(warnings(lines).filter((msg) => msg.includes('NODE_ENV'))).toEqual([]);
    await cleanups.pop()!();
  }
});
