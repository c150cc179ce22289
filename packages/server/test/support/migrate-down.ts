import type { Database } from '../../src/db/connect.js';
import { migrationSource } from '../../src/db/migrate.js';

/**
 * Undoes migrations, newest first, until the one whose name starts with `prefix` is undone too:
 * a test of migration 009's `down` keeps working when 010 and later are added.
 */
export async function migrateDownThrough(db: Database, prefix: string): Promise<void> {
  for (;;) {
    const [completed] = (await db.migrate.list({ migrationSource })) as [Array<{ name: string }>];
    const latest = completed.at(-1)?.name;
    if (!latest || latest < prefix) return;
    await db.migrate.down({ migrationSource });
  }
}
