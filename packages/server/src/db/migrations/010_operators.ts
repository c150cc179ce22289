import type { Knex } from 'knex';

/**
 * The operators of SPEC "Operator console": accounts with an e-mail and a scrypt password hash,
 * and their signed-in sessions. A session is stored by the SHA-256 of its cookie, never the
 * cookie itself, with the CSRF token its unsafe requests must carry.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operators', (t) => {
    t.uuid('id').primary();
    t.text('email').notNullable().unique();
    t.text('password_hash').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('password_changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_sign_in_at', { useTz: true });
  });
  await knex.raw(
    'ALTER TABLE operators ADD CONSTRAINT operators_email_lower_check CHECK (email = lower(email))',
  );
  await knex.schema.createTable('operator_sessions', (t) => {
    t.text('token_hash').primary();
    t.uuid('operator_id').notNullable().references('operators.id').onDelete('CASCADE');
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['operator_id'], 'operator_sessions_operator_idx');
    t.index(['expires_at'], 'operator_sessions_expires_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('operator_sessions');
  await knex.schema.dropTable('operators');
}
