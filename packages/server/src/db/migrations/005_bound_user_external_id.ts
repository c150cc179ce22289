import type { Knex } from 'knex';

/**
 * A user's `external_id` is a token's `sub`, which the API takes up to 512 characters long (longer
 * is a 401). 512 characters are at most 2,048 bytes, under the btree's limit for the unique index
 * (about 2,700 bytes) that a longer, incompressible `sub` used to hit with a 500. NOT VALID: rows
 * stored before are not checked (none over the index limit can exist); every new row is.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'ALTER TABLE users ADD CONSTRAINT users_external_id_length CHECK (char_length(external_id) <= 512) NOT VALID',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_external_id_length');
}
