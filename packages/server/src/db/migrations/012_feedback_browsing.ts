import type { Knex } from 'knex';

/** The console browses ratings newest first, with or without a rating filter: a keyset index for it. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX ai_message_feedback_updated_idx ON ai_message_feedback (updated_at DESC, message_id DESC)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS ai_message_feedback_updated_idx');
}
