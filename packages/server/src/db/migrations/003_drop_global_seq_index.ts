import type { Knex } from 'knex';

// A global index on seq tempts the planner into scanning every session's messages backwards to find
// one long session's newest page; (session_id, seq) is the index history reads must use.
export async function up(knex: Knex): Promise<void> {
  // The constraint owns the index: drop it first (DROP INDEX alone is refused), then any bare index.
  await knex.raw(
    'ALTER TABLE ai_chat_messages DROP CONSTRAINT IF EXISTS ai_chat_messages_seq_unique',
  );
  await knex.raw('DROP INDEX IF EXISTS ai_chat_messages_seq_unique');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    'ALTER TABLE ai_chat_messages ADD CONSTRAINT ai_chat_messages_seq_unique UNIQUE (seq)',
  );
}
