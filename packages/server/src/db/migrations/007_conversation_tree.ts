import type { Knex } from 'knex';

/**
 * SPEC "Conversation tree" and "Feedback on replies": each message names the message it follows,
 * each session the leaf of the branch it shows, and ratings of replies get a table of their own.
 * Existing sessions become one branch each, in the order they were written.
 */
export async function up(knex: Knex): Promise<void> {
  // No foreign key on parent_id: the session's already deletes the whole tree, and a self
  // reference would check every deleted row against an index on the bare column. None on
  // current_message_id either: sessions → messages → sessions would be a cycle.
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.uuid('parent_id');
  });
  await knex.schema.alterTable('ai_chat_sessions', (t) => {
    t.uuid('current_message_id');
  });
  // A reply's parent is the prompt it answers; any other message follows the one before it.
  await knex.raw(`
    UPDATE ai_chat_messages m
       SET parent_id = CASE WHEN m.role = 'assistant' AND m.reply_to_message_id IS NOT NULL
                            THEN m.reply_to_message_id ELSE o.prev END
      FROM (SELECT id, lag(id) OVER (PARTITION BY session_id ORDER BY seq) AS prev
              FROM ai_chat_messages) o
     WHERE o.id = m.id AND o.prev IS NOT NULL`);
  await knex.raw(`
    UPDATE ai_chat_sessions s
       SET current_message_id = (SELECT id FROM ai_chat_messages
                                  WHERE session_id = s.id ORDER BY seq DESC LIMIT 1)`);
  // One key names every group of siblings, a session's roots included (theirs is the session's
  // id): a message's siblings and children are one range of this index, in the order written.
  await knex.raw(
    'CREATE INDEX ai_chat_messages_sibling_idx ON ai_chat_messages ((coalesce(parent_id, session_id)), seq)',
  );

  await knex.schema.createTable('ai_message_feedback', (t) => {
    t.uuid('message_id').primary().references('ai_chat_messages.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('session_id').notNullable().references('ai_chat_sessions.id').onDelete('CASCADE');
    t.uuid('site_id').references('sites.id').onDelete('SET NULL');
    t.text('rating').notNullable();
    t.text('comment');
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.text('model');
    t.text('mode');
    // The operator console's personas and experiments come later: no foreign keys to them yet.
    t.uuid('persona_id');
    t.uuid('experiment_id');
    t.uuid('variant_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['rating', 'updated_at'], 'ai_message_feedback_rating_idx');
    t.index(['session_id'], 'ai_message_feedback_session_idx');
  });
  await knex.raw(
    "ALTER TABLE ai_message_feedback ADD CONSTRAINT ai_message_feedback_rating_check CHECK (rating IN ('up', 'down'))",
  );
  await knex.raw(
    'ALTER TABLE ai_message_feedback ADD CONSTRAINT ai_message_feedback_comment_check CHECK (char_length(comment) <= 2000)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('ai_message_feedback');
  await knex.raw('DROP INDEX IF EXISTS ai_chat_messages_sibling_idx');
  await knex.schema.alterTable('ai_chat_sessions', (t) => {
    t.dropColumn('current_message_id');
  });
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.dropColumn('parent_id');
  });
}
