import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Per-site settings for SPEC "Visitors, identity and spend": the proof-of-work challenge, identity
 * verification with a secret of the site's own, a daily budget in US dollars and the model that
 * answers once it is spent; and the site each call to Claude was made for, so a site's spend can
 * be summed from the ledger.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sites', (t) => {
    t.text('challenge').notNullable().defaultTo('off');
    t.text('identity').notNullable().defaultTo('optional');
    t.text('identity_secret');
    t.decimal('daily_budget_usd', 12, 4);
    t.text('fallback_model');
  });
  await knex.raw(
    "ALTER TABLE sites ADD CONSTRAINT sites_challenge_check CHECK (challenge IN ('off', 'on'))",
  );
  await knex.raw(
    "ALTER TABLE sites ADD CONSTRAINT sites_identity_check CHECK (identity IN ('optional', 'required'))",
  );
  await knex.raw(
    'ALTER TABLE sites ADD CONSTRAINT sites_daily_budget_check CHECK (daily_budget_usd IS NULL OR daily_budget_usd >= 0)',
  );
  // Sites made before this migration get a secret too (shown by `sites rotate-secret`).
  const sites = (await knex('sites').select('id')) as Array<{ id: string }>;
  for (const site of sites) {
    await knex('sites').where({ id: site.id }).update({ identity_secret: newIdentitySecret() });
  }

  await knex.schema.alterTable('api_usage_log', (t) => {
    t.uuid('site_id').references('sites.id').onDelete('SET NULL');
    t.index(['site_id', 'created_at'], 'api_usage_log_site_created_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_usage_log', (t) => {
    t.dropIndex(['site_id', 'created_at'], 'api_usage_log_site_created_idx');
    t.dropColumn('site_id');
  });
  await knex.schema.alterTable('sites', (t) => {
    t.dropColumn('challenge');
    t.dropColumn('identity');
    t.dropColumn('identity_secret');
    t.dropColumn('daily_budget_usd');
    t.dropColumn('fallback_model');
  });
}

/** A site's identity secret: what its host signs user ids with (HMAC-SHA256). */
export function newIdentitySecret(): string {
  return `sk_id_${randomBytes(24).toString('hex')}`;
}
