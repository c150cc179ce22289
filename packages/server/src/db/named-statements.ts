import type { Database } from './connect.js';

/** What `connectDatabase` adds to knex's config: whether statements may be prepared by name. */
export interface StatementConfig {
  preparedStatements?: boolean;
}

/**
 * Runs `sql` as a statement prepared once per connection under `name` (on PostgreSQL: the tree
 * reads' recursive plans cost more to plan than to run), or as a plain one where preparing is
 * off (DATABASE_PREPARED_STATEMENTS=off, for a PgBouncer that cannot keep prepared statements)
 * or unknown (PGlite, which has one connection and plans quickly). The result's columns must
 * not depend on the table's (no `*`): a prepared plan keeps the shape it was prepared with.
 */
export async function runNamed<Row>(
  db: Database,
  name: string,
  sql: string,
  bindings: ReadonlyArray<string | number | null>,
): Promise<Row[]> {
  const raw = db.raw(sql, bindings as Array<string | number | null>);
  const prepared = (db.client.config as StatementConfig).preparedStatements === true;
  const { rows } = (await (prepared ? raw.options({ name }) : raw)) as { rows: Row[] };
  return rows;
}
