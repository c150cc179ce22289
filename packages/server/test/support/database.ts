import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** DATABASE_URL for the server, or undefined for an in-memory PGlite database. */
  url: string | undefined;
  pgliteDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test server: a new database on the PostgreSQL of DATABASE_URL
 * (so test files can run in parallel), or an in-memory PGlite when DATABASE_URL is unset.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return { url: undefined, pgliteDir: 'memory://', drop: async () => undefined };
  return createPostgresDatabase(baseUrl);
}

/** A fresh database beside the one `baseUrl` names, on that PostgreSQL server. */
export async function createPostgresDatabase(
  baseUrl: string,
): Promise<TestDatabase & { url: string }> {
  const name = `repruv_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    pgliteDir: 'memory://',
    drop: async () => {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
