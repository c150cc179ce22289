import type { Knex } from 'knex';

/**
 * Daily rollups of the usage ledger (SPEC "Operator console", analytics): one row per UTC day,
 * site, model and purpose, rebuilt for the latest days by a job (analytics/usage-rollups.ts), so
 * that a range of 90 days reads a few hundred rows, never the ledger itself.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('usage_daily', (t) => {
    t.date('day').notNullable();
    // No foreign key: a site removed later keeps its history.
    t.uuid('site_id');
    t.text('model').notNullable();
    t.text('purpose').notNullable();
    t.integer('calls').notNullable();
    t.integer('errors').notNullable();
    t.integer('stopped').notNullable();
    t.bigInteger('input_tokens').notNullable();
    t.bigInteger('output_tokens').notNullable();
    t.decimal('cost_usd', 16, 6).notNullable();
  });
  await knex.raw(
    `CREATE UNIQUE INDEX usage_daily_key ON usage_daily
       (day, (coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid)), model, purpose)`,
  );
  await knex.raw('CREATE INDEX api_usage_log_created_idx ON api_usage_log (created_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS api_usage_log_created_idx');
  await knex.schema.dropTableIfExists('usage_daily');
}
