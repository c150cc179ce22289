import type { Knex } from 'knex';

/**
 * The console's activity analytics and popular questions (SPEC "Operator console"): each session
 * keeps the site it was opened on; daily rollups of conversations and messages, of latency and
 * session-length distributions, and of operational events (circuit-breaker openings, budget
 * refusals); and each session's first question with the group of similar questions it joined.
 */
const NO_SITE = "'00000000-0000-0000-0000-000000000000'::uuid";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ai_chat_sessions', (t) => {
    t.uuid('site_id').references('sites.id').onDelete('SET NULL');
    // When its first question was filed under a group (or the session was found to have none).
    t.timestamp('question_filed_at', { useTz: true });
  });
  await knex.raw(
    'CREATE INDEX ai_chat_sessions_unfiled_idx ON ai_chat_sessions (created_at) WHERE question_filed_at IS NULL',
  );
  // Sessions from before this migration: the site their replies were billed to.
  await knex.raw(
    `UPDATE ai_chat_sessions s SET site_id = u.site_id
       FROM (SELECT DISTINCT ON (session_id) session_id, site_id FROM api_usage_log
              WHERE session_id IS NOT NULL AND site_id IS NOT NULL
              ORDER BY session_id, created_at) u
      WHERE u.session_id = s.id`,
  );
  await knex.raw('CREATE INDEX ai_chat_messages_created_idx ON ai_chat_messages (created_at)');
  await knex.raw('CREATE INDEX ai_chat_sessions_created_idx ON ai_chat_sessions (created_at)');

  await knex.schema.createTable('activity_daily', (t) => {
    t.date('day').notNullable();
    // No foreign keys in the rollups: a site removed later keeps its history.
    t.uuid('site_id');
    t.integer('sessions_started').notNullable().defaultTo(0);
    t.integer('active_sessions').notNullable().defaultTo(0);
    t.integer('active_users').notNullable().defaultTo(0);
    t.integer('messages').notNullable().defaultTo(0);
    t.integer('replies').notNullable().defaultTo(0);
    t.integer('errors').notNullable().defaultTo(0);
    t.integer('stopped').notNullable().defaultTo(0);
  });
  await knex.raw(
    `CREATE UNIQUE INDEX activity_daily_key ON activity_daily (day, (coalesce(site_id, ${NO_SITE})))`,
  );

  // Counts per bucket of a logarithmic scale (analytics/log-buckets.ts), so that percentiles
  // over any range and any set of sites come from summed counts.
  await knex.schema.createTable('distribution_daily', (t) => {
    t.date('day').notNullable();
    t.uuid('site_id');
    t.text('metric').notNullable();
    t.smallint('bucket').notNullable();
    t.integer('count').notNullable();
  });
  await knex.raw(
    `CREATE UNIQUE INDEX distribution_daily_key ON distribution_daily
       (day, metric, (coalesce(site_id, ${NO_SITE})), bucket)`,
  );

  // Added to as they happen (each instance's counts, every few seconds), never rebuilt.
  await knex.schema.createTable('operational_events_daily', (t) => {
    t.date('day').notNullable();
    t.uuid('site_id');
    t.text('kind').notNullable();
    t.integer('count').notNullable();
  });
  await knex.raw(
    `CREATE UNIQUE INDEX operational_events_daily_key ON operational_events_daily
       (day, kind, (coalesce(site_id, ${NO_SITE})))`,
  );

  await knex.schema.createTable('question_groups', (t) => {
    t.uuid('id').primary();
    // The first question of the group, normalized: what later questions are compared with.
    t.text('representative').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    'CREATE INDEX question_groups_trgm_idx ON question_groups USING gist (representative gist_trgm_ops)',
  );
  await knex.schema.createTable('session_questions', (t) => {
    t.uuid('session_id').primary().references('ai_chat_sessions.id').onDelete('CASCADE');
    t.uuid('group_id').notNullable().references('question_groups.id').onDelete('CASCADE');
    t.uuid('site_id');
    t.date('day').notNullable();
    t.text('question').notNullable();
    t.timestamp('asked_at', { useTz: true }).notNullable();
  });
  await knex.raw('CREATE INDEX session_questions_day_idx ON session_questions (day, group_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('session_questions');
  await knex.schema.dropTableIfExists('question_groups');
  await knex.schema.dropTableIfExists('operational_events_daily');
  await knex.schema.dropTableIfExists('distribution_daily');
  await knex.schema.dropTableIfExists('activity_daily');
  await knex.raw('DROP INDEX IF EXISTS ai_chat_sessions_created_idx');
  await knex.raw('DROP INDEX IF EXISTS ai_chat_sessions_unfiled_idx');
  await knex.raw('DROP INDEX IF EXISTS ai_chat_messages_created_idx');
  await knex.schema.alterTable('ai_chat_sessions', (t) => {
    t.dropColumn('site_id');
    t.dropColumn('question_filed_at');
  });
}
