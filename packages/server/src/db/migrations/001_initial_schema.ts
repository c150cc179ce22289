import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.text('external_id').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('sites', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable();
    t.text('site_key').notNullable().unique();
    t.specificType('allowed_origins', 'text[]').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // One global sequence orders sessions by their latest activity: an integer keyset, no ties.
  await knex.raw('CREATE SEQUENCE ai_chat_activity_seq');

  await knex.schema.createTable('ai_chat_sessions', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.specificType('context_tags', 'text[]').notNullable().defaultTo('{}');
    t.text('system_prompt');
    t.text('mode').notNullable();
    t.text('status').notNullable().defaultTo('active');
    t.integer('message_count').notNullable().defaultTo(0);
    t.bigInteger('activity_seq')
      .notNullable()
      .defaultTo(knex.raw("nextval('ai_chat_activity_seq')"));
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_message_at', { useTz: true });
    t.index(['user_id', 'activity_seq'], 'ai_chat_sessions_user_activity_idx');
  });
  await knex.raw(
    "ALTER TABLE ai_chat_sessions ADD CONSTRAINT ai_chat_sessions_status_check CHECK (status IN ('active','archived'))",
  );

  await knex.schema.createTable('ai_chat_messages', (t) => {
    t.uuid('id').primary();
    t.bigIncrements('seq', { primaryKey: false });
    t.uuid('session_id').notNullable().references('ai_chat_sessions.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('role').notNullable();
    t.text('content').notNullable().defaultTo('');
    t.text('status').notNullable();
    t.integer('tokens');
    t.integer('latency_ms');
    t.text('client_message_id');
    t.uuid('reply_to_message_id');
    t.text('stop_reason');
    t.text('model');
    t.text('owner_instance');
    t.timestamp('lease_expires_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['session_id', 'client_message_id'], {
      indexName: 'ai_chat_messages_session_client_message_id_unique',
    });
    t.unique(['seq'], { indexName: 'ai_chat_messages_seq_unique' });
    t.index(['session_id', 'seq'], 'ai_chat_messages_session_seq_idx');
    t.index(['reply_to_message_id'], 'ai_chat_messages_reply_to_idx');
  });
  await knex.raw(
    "ALTER TABLE ai_chat_messages ADD CONSTRAINT ai_chat_messages_role_check CHECK (role IN ('user','assistant'))",
  );
  await knex.raw(
    "ALTER TABLE ai_chat_messages ADD CONSTRAINT ai_chat_messages_status_check CHECK (status IN ('complete','streaming','stopped','error'))",
  );
  // At most one reply streams per session: a second concurrent send fails here and answers 409.
  await knex.raw(
    "CREATE UNIQUE INDEX ai_chat_messages_one_streaming_per_session ON ai_chat_messages (session_id) WHERE status = 'streaming'",
  );

  await knex.schema.createTable('api_usage_log', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').references('users.id').onDelete('SET NULL');
    t.uuid('session_id').references('ai_chat_sessions.id').onDelete('SET NULL');
    t.uuid('message_id').references('ai_chat_messages.id').onDelete('SET NULL');
    t.text('model').notNullable();
    t.integer('input_tokens').notNullable().defaultTo(0);
    t.integer('output_tokens').notNullable().defaultTo(0);
    t.integer('latency_ms');
    t.text('outcome').notNullable();
    t.decimal('estimated_cost_usd', 12, 6).notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'created_at'], 'api_usage_log_user_created_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('api_usage_log');
  await knex.schema.dropTableIfExists('ai_chat_messages');
  await knex.schema.dropTableIfExists('ai_chat_sessions');
  await knex.raw('DROP SEQUENCE IF EXISTS ai_chat_activity_seq');
  await knex.schema.dropTableIfExists('sites');
  await knex.schema.dropTableIfExists('users');
}
