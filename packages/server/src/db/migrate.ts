import type { Knex } from 'knex';
import * as initialSchema from './migrations/001_initial_schema.js';
import * as serverSettings from './migrations/002_server_settings.js';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

// Migrations are imported, not discovered on disk, so they run the same from source and from dist.
const MIGRATIONS: Migration[] = [
  { name: '001_initial_schema', ...initialSchema },
  { name: '002_server_settings', ...serverSettings },
];

const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

export async function migrateToLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

/** True when every migration the code knows has been applied. */
export async function isMigrated(db: Knex): Promise<boolean> {
  const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
  return pending.length === 0;
}
