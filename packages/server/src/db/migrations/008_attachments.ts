import type { Knex } from 'knex';

/**
 * SPEC "Attachments": a row per uploaded file, owned by its uploader and, once sent, by the
 * message it was sent with (deleted with it, and so with its session); its bytes in a table of
 * their own unless ATTACHMENTS_S3_URL keeps them in a bucket. A user message lists the ids it was
 * sent with, so reading a branch needs no join unless a message has files.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ai_attachments', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('message_id').references('ai_chat_messages.id').onDelete('CASCADE');
    t.uuid('session_id');
    t.text('kind').notNullable();
    t.text('media_type').notNullable();
    t.text('name').notNullable();
    t.bigInteger('size').notNullable();
    t.integer('width');
    t.integer('height');
    t.integer('pages');
    t.bigInteger('thumbnail_size');
    /** Where the bytes are: 'postgres' (ai_attachment_blobs) or 's3'. */
    t.text('storage').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id'], 'ai_attachments_user_idx');
    t.index(['message_id'], 'ai_attachments_message_idx');
    t.index(['session_id'], 'ai_attachments_session_idx');
  });
  // The orphan sweep's range: files never sent, oldest first.
  await knex.raw(
    'CREATE INDEX ai_attachments_unsent_idx ON ai_attachments (created_at) WHERE message_id IS NULL',
  );
  await knex.raw(
    "ALTER TABLE ai_attachments ADD CONSTRAINT ai_attachments_kind_check CHECK (kind IN ('image', 'document'))",
  );
  await knex.schema.createTable('ai_attachment_blobs', (t) => {
    t.uuid('attachment_id').notNullable().references('ai_attachments.id').onDelete('CASCADE');
    t.text('variant').notNullable();
    t.binary('bytes').notNullable();
    t.primary(['attachment_id', 'variant']);
  });
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.specificType('attachment_ids', 'uuid[]');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.dropColumn('attachment_ids');
  });
  await knex.schema.dropTableIfExists('ai_attachment_blobs');
  await knex.schema.dropTableIfExists('ai_attachments');
}
