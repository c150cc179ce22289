import type { Knex } from 'knex';

/**
 * When a client last followed a streaming reply through an instance other than its owner: the owner
 * does not stop such a reply as orphaned when its own clients have left.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.timestamp('followed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.dropColumn('followed_at');
  });
}
