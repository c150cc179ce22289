import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import type { StatementConfig } from './named-statements.js';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Folder for PGlite's files, or "memory://" for a throw-away in-memory database. */
  pgliteDir: string;
  /** PostgreSQL only: hot reads run as statements prepared by name (db/named-statements.ts). */
  preparedStatements?: boolean | undefined;
  /**
   * PGlite only (PGLITE_BASELINE_COMPILER): its WASM compiled by V8's baseline compiler alone. The
   * optimizing tier's code for PostgreSQL holds about 65 MB of an idle server's memory, and queries
   * ran no slower without it here; off by default, as a PGlite query once spun in PostgreSQL's error
   * path under it (a browser test in CI, not reproduced alone). Set for the whole process's WASM.
   */
  baselineCompiler?: boolean | undefined;
}

export type Database = Knex;

/**
 * knex-pglite names a delete's command "DEL" (from knex's method name), so knex's PostgreSQL
 * response handling never sees "DELETE" and returns the raw result instead of the row count.
 */
const PgLiteBase = ClientPgLite as unknown as new (config: Knex.Config) => {
  config: { connection?: { filename?: string } };
  pglite: PGlite;
  processResponse(obj: { method?: string }, runner: unknown): unknown;
};
/**
 * PGlite's memory never shrinks once its WASM heap has grown, so these bound what it grows to:
 * PostgreSQL's own defaults (128 MB of shared buffers, 64 MB for an index build) are sized for a
 * server of its own, not for a process that shares its memory with the chat. Pages past the
 * buffers are read from PGLITE_DIR's files, which the OS caches.
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB', 'temp_buffers=1MB'];

class PgLiteClient extends PgLiteBase {
  /** PGlite with the extensions search needs (migration 009): its WASM loads them on first use. */
  _driver(): void {
    const dir = this.config.connection?.filename;
    this.pglite = new PGlite(dir ?? 'memory://', {
      extensions: { btree_gin, pg_trgm, unaccent },
      startParams: [
        ...PGlite.defaultStartParams,
        ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting]),
      ],
    });
  }

  override processResponse(obj: { method?: string }, runner: unknown): unknown {
    return super.processResponse(obj.method === 'del' ? { ...obj, method: 'delete' } : obj, runner);
  }
}

export function describeDatabase(options: DatabaseOptions): string {
  if (options.url) return 'postgresql';
  return options.pgliteDir === 'memory://' ? 'pglite (in memory)' : `pglite (${options.pgliteDir})`;
}

export function connectDatabase(options: DatabaseOptions): Database {
  if (options.url) {
    const config: Knex.Config & StatementConfig = {
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: 20 },
      acquireConnectionTimeout: 10_000,
      preparedStatements: options.preparedStatements ?? true,
    };
    return knexFactory(config);
  }
  const inMemory = options.pgliteDir === 'memory://';
  if (!inMemory) mkdirSync(options.pgliteDir, { recursive: true });
  // Before PGlite compiles its WASM, which it does on the first query.
  if (options.baselineCompiler) setFlagsFromString('--liftoff-only');
  return knexFactory({
    client: PgLiteClient as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: inMemory ? {} : { filename: options.pgliteDir },
  } as Knex.Config);
}

/** True for PGlite, which has one connection: nothing may wait on a second one inside a transaction. */
export function isEmbedded(options: DatabaseOptions): boolean {
  return !options.url;
}
