import type { Knex } from 'knex';

/**
 * What the operator console edits on a site besides its visitor rules: the widget's look (title,
 * colours, quick prompts) and default mode, which the widget reads from the public
 * `GET /sites/{site_key}/config`; and whether the site is disabled (no new guest tokens).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sites', (t) => {
    t.jsonb('widget').notNullable().defaultTo('{}');
    t.text('default_mode');
    t.timestamp('disabled_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sites', (t) => {
    t.dropColumn('widget');
    t.dropColumn('default_mode');
    t.dropColumn('disabled_at');
    t.dropColumn('updated_at');
  });
}
