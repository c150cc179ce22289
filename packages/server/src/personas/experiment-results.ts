import type { Database } from '../db/connect.js';
import { experimentStatsAsOf } from './experiment-rollup.js';
import type { ExperimentStore } from './experiment-store.js';
import { wilsonInterval } from './wilson-interval.js';

/** A variant's row: null where nothing was rolled up or rated yet. */
interface VariantFigures {
  variant_id: string;
  sessions: number | null;
  replies: number | null;
  errors: number | null;
  regenerated: number | null;
  votes_up: number | null;
  votes_down: number | null;
  first_token_p50: number | null;
  first_token_p95: number | null;
  input_tokens: string | number | null;
  output_tokens: string | number | null;
  cost_usd: string | number | null;
}

/**
 * What the rollup job added up per session (experiment-rollup.ts), summed per variant; the
 * first-token times of every reply for the percentiles; the ratings counted live by their index.
 */
const RESULTS_SQL = `
WITH sums AS (
  SELECT variant_id, count(*)::int AS sessions, sum(replies)::int AS replies,
         sum(errors)::int AS errors, sum(regenerated)::int AS regenerated,
         sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
         sum(cost_usd) AS cost_usd
    FROM experiment_session_stats WHERE experiment_id = :experiment
   GROUP BY variant_id
),
latency AS (
  SELECT s.variant_id,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS first_token_p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY t.ms) AS first_token_p95
    FROM experiment_session_stats s, unnest(s.first_token_ms) AS t(ms)
   WHERE s.experiment_id = :experiment
   GROUP BY s.variant_id
),
votes AS (
  SELECT variant_id, count(*) FILTER (WHERE rating = 'up')::int AS votes_up,
         count(*) FILTER (WHERE rating = 'down')::int AS votes_down
    FROM ai_message_feedback WHERE experiment_id = :experiment
   GROUP BY variant_id
)
SELECT v.id AS variant_id, sums.sessions, sums.replies, sums.errors, sums.regenerated,
       sums.input_tokens, sums.output_tokens, sums.cost_usd,
       latency.first_token_p50, latency.first_token_p95, votes.votes_up, votes.votes_down
  FROM prompt_variants v
  LEFT JOIN sums ON sums.variant_id = v.id
  LEFT JOIN latency ON latency.variant_id = v.id
  LEFT JOIN votes ON votes.variant_id = v.id
 WHERE v.experiment_id = :experiment`;

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const rounded = (value: number | null) => (value === null ? null : Math.round(value));

/**
 * An experiment's results per variant (SPEC "Prompt experiments"), variants in their order: the
 * replies' figures as of the rollup job's last run (`figures_as_of`), the votes as they are now.
 */
export async function experimentResults(db: Database, experiments: ExperimentStore, id: string) {
  const experiment = await experiments.get(id);
  const [{ rows }, asOf] = await Promise.all([
    db.raw(RESULTS_SQL, { experiment: id }) as Promise<{ rows: VariantFigures[] }>,
    experimentStatsAsOf(db),
  ]);
  const byVariant = new Map(rows.map((row) => [row.variant_id, row]));
  return {
    experiment,
    figures_as_of: asOf?.toISOString() ?? null,
    variants: experiment.variants.map((variant) => {
      const row = byVariant.get(variant.id);
      const sessions = row?.sessions ?? 0;
      const replies = row?.replies ?? 0;
      const up = row?.votes_up ?? 0;
      const votes = up + (row?.votes_down ?? 0);
      const inputTokens = Number(row?.input_tokens ?? 0);
      const outputTokens = Number(row?.output_tokens ?? 0);
      const cost = Number(row?.cost_usd ?? 0);
      return {
        variant_id: variant.id,
        name: variant.name,
        weight: variant.weight,
        winner: experiment.winner_variant_id === variant.id,
        sessions,
        messages: replies,
        messages_per_session: ratio(replies, sessions),
        votes_up: up,
        votes_down: votes - up,
        thumbs_up_share: ratio(up, votes),
        thumbs_up_interval: wilsonInterval(up, votes),
        regenerate_rate: ratio(row?.regenerated ?? 0, replies),
        error_rate: ratio(row?.errors ?? 0, replies),
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        tokens_per_session: ratio(inputTokens + outputTokens, sessions),
        cost_usd: cost,
        cost_per_session_usd: ratio(cost, sessions),
        first_token_ms: {
          p50: rounded(row?.first_token_p50 ?? null),
          p95: rounded(row?.first_token_p95 ?? null),
        },
      };
    }),
  };
}
