import type { Knex } from 'knex';

/**
 * Personas and prompt experiments (SPEC "Operator console"). The built-in modes become editable
 * global personas with the prompts they had; each reply records the persona, experiment and
 * variant that wrote it, and how long its first text took.
 */
const BASE_PROMPT =
  'You are Repruv AI, a helpful assistant for content creators and influencers. ' +
  'You help them plan, write and grow their content across platforms. ' +
  'Be concrete and practical, keep answers well structured with short paragraphs and lists, ' +
  'and use Markdown for formatting.';

// Frozen here as they were when this migration was written: later edits are an operator's.
const BUILT_IN = [
  {
    mode: 'general',
    name: 'General',
    description: 'Any question a creator brings.',
    guidance: 'Answer any question a creator brings, from tools to audience to business.',
  },
  {
    mode: 'ideas',
    name: 'Ideas',
    description: 'Content ideas, each with a hook and a format.',
    guidance:
      'Focus on content ideas: give several distinct, specific ideas with a hook and a format for each.',
  },
  {
    mode: 'strategy',
    name: 'Strategy',
    description: 'Growth: audience, positioning, cadence, analytics, money.',
    guidance:
      'Focus on growth strategy: audience, positioning, posting cadence, analytics and monetization, with clear next steps.',
  },
  {
    mode: 'writing',
    name: 'Writing',
    description: 'Scripts, captions, titles and posts in the creator’s voice.',
    guidance:
      'Focus on writing: scripts, captions, titles and posts. Match the voice the creator asks for and offer variations.',
  },
];

const NO_SITE = "'00000000-0000-0000-0000-000000000000'::uuid";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ai_personas', (t) => {
    t.uuid('id').primary();
    // Null: every site's (unless a site has its own of the same mode).
    t.uuid('site_id').references('sites.id').onDelete('CASCADE');
    t.text('mode').notNullable();
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('system_prompt').notNullable();
    t.text('model');
    t.double('temperature');
    t.integer('max_tokens');
    t.boolean('built_in').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `CREATE UNIQUE INDEX ai_personas_mode_key ON ai_personas ((coalesce(site_id, ${NO_SITE})), mode)`,
  );
  await knex('ai_personas').insert(
    BUILT_IN.map((persona) => ({
      id: knex.raw('gen_random_uuid()'),
      mode: persona.mode,
      name: persona.name,
      description: persona.description,
      system_prompt: `${BASE_PROMPT}\n\n${persona.guidance}`,
      built_in: true,
    })),
  );

  await knex.schema.createTable('prompt_experiments', (t) => {
    t.uuid('id').primary();
    t.uuid('persona_id').notNullable().references('ai_personas.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('status').notNullable();
    t.uuid('winner_variant_id');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('stopped_at', { useTz: true });
  });
  await knex.raw(
    "CREATE UNIQUE INDEX prompt_experiments_one_running ON prompt_experiments (persona_id) WHERE status = 'running'",
  );
  await knex.schema.createTable('prompt_variants', (t) => {
    t.uuid('id').primary();
    t.uuid('experiment_id').notNullable().references('prompt_experiments.id').onDelete('CASCADE');
    t.smallint('position').notNullable();
    t.text('name').notNullable();
    t.text('system_prompt').notNullable();
    t.integer('weight').notNullable();
    t.unique(['experiment_id', 'position']);
  });

  // No foreign keys: a reply keeps naming what wrote it after a persona or experiment is removed.
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.uuid('persona_id');
    t.uuid('experiment_id');
    t.uuid('variant_id');
    t.integer('first_token_ms');
  });
  // The rollup job finds the experiments' replies that changed since its last run by this index.
  await knex.raw(
    'CREATE INDEX ai_chat_messages_experiment_changed_idx ON ai_chat_messages (updated_at) WHERE experiment_id IS NOT NULL',
  );
  await knex.raw(
    'CREATE INDEX ai_message_feedback_experiment_idx ON ai_message_feedback (experiment_id, variant_id, rating) WHERE experiment_id IS NOT NULL',
  );
  // One row per experiment, variant and session: what the results add up, kept by the rollup job.
  await knex.schema.createTable('experiment_session_stats', (t) => {
    t.uuid('experiment_id').notNullable().references('prompt_experiments.id').onDelete('CASCADE');
    t.uuid('variant_id').notNullable();
    t.uuid('session_id').notNullable().references('ai_chat_sessions.id').onDelete('CASCADE');
    t.integer('replies').notNullable();
    t.integer('errors').notNullable();
    t.integer('regenerated').notNullable();
    t.bigInteger('input_tokens').notNullable();
    t.bigInteger('output_tokens').notNullable();
    t.decimal('cost_usd', 16, 6).notNullable();
    t.specificType('first_token_ms', 'integer[]').notNullable();
    t.primary(['experiment_id', 'variant_id', 'session_id']);
    // Deleting a conversation finds its rows by this.
    t.index(['session_id'], 'experiment_session_stats_session_idx');
  });
  // An experiment's results read its replies' calls; deleting a conversation sets them to null.
  await knex.raw('CREATE INDEX api_usage_log_message_idx ON api_usage_log (message_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS api_usage_log_message_idx');
  await knex.schema.dropTableIfExists('experiment_session_stats');
  // The rollup job's mark (personas/experiment-rollup.ts): gone with the table it marks.
  await knex('server_settings').where({ key: 'experiment_stats_run_at' }).delete();
  await knex.raw('DROP INDEX IF EXISTS ai_message_feedback_experiment_idx');
  await knex.raw('DROP INDEX IF EXISTS ai_chat_messages_experiment_changed_idx');
  await knex.schema.alterTable('ai_chat_messages', (t) => {
    t.dropColumn('persona_id');
    t.dropColumn('experiment_id');
    t.dropColumn('variant_id');
    t.dropColumn('first_token_ms');
  });
  await knex.schema.dropTableIfExists('prompt_variants');
  await knex.schema.dropTableIfExists('prompt_experiments');
  await knex.schema.dropTableIfExists('ai_personas');
}
