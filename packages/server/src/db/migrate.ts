import type { Knex } from 'knex';
import * as initialSchema from './migrations/001_initial_schema.js';
import * as serverSettings from './migrations/002_server_settings.js';
import * as dropGlobalSeqIndex from './migrations/003_drop_global_seq_index.js';
import * as replyFollowedAt from './migrations/004_reply_followed_at.js';
import * as boundUserExternalId from './migrations/005_bound_user_external_id.js';
import * as visitorLimits from './migrations/006_visitor_limits.js';
import * as conversationTree from './migrations/007_conversation_tree.js';
import * as attachments from './migrations/008_attachments.js';
import * as searchAndTitles from './migrations/009_search_and_titles.js';
import * as operators from './migrations/010_operators.js';
import * as siteConsoleSettings from './migrations/011_site_console_settings.js';
import * as feedbackBrowsing from './migrations/012_feedback_browsing.js';
import * as usageRollups from './migrations/013_usage_rollups.js';
import * as personasAndExperiments from './migrations/014_personas_and_experiments.js';
import * as activityAnalytics from './migrations/015_activity_analytics.js';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

// Migrations are imported, not discovered on disk, so they run the same from source and from dist.
const MIGRATIONS: Migration[] = [
  { name: '001_initial_schema', ...initialSchema },
  { name: '002_server_settings', ...serverSettings },
  { name: '003_drop_global_seq_index', ...dropGlobalSeqIndex },
  { name: '004_reply_followed_at', ...replyFollowedAt },
  { name: '005_bound_user_external_id', ...boundUserExternalId },
  { name: '006_visitor_limits', ...visitorLimits },
  { name: '007_conversation_tree', ...conversationTree },
  { name: '008_attachments', ...attachments },
  { name: '009_search_and_titles', ...searchAndTitles },
  { name: '010_operators', ...operators },
  { name: '011_site_console_settings', ...siteConsoleSettings },
  { name: '012_feedback_browsing', ...feedbackBrowsing },
  { name: '013_usage_rollups', ...usageRollups },
  { name: '014_personas_and_experiments', ...personasAndExperiments },
  { name: '015_activity_analytics', ...activityAnalytics },
];

/** Exported for the tests that migrate step by step. */
export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

/** Any constant: the same for every instance of the server. */
const MIGRATION_LOCK_KEY = '7305002119';

export async function migrateToLatest(db: Knex): Promise<void> {
  if ((db.client as { config?: { client?: unknown } }).config?.client !== 'pg') {
    await db.migrate.latest({ migrationSource });
    return;
  }
  // Instances starting at once on an empty database would race to create knex's own tables, and
  // knex's migration lock fails instead of waiting: one instance migrates, the others wait for it.
  await db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await db.migrate.latest({ migrationSource });
  });
}

/** True when every migration the code knows has been applied. */
export async function isMigrated(db: Knex): Promise<boolean> {
  const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
  return pending.length === 0;
}
