import { DAY_MS, utcDayOf } from '../budgets/utc-day.js';
import type { Database } from '../db/connect.js';
import type { Logger } from '../observability/logger.js';
import { refreshExperimentStats } from '../personas/experiment-rollup.js';

/** How often the latest days are rebuilt: the console's figures are this fresh. */
export const ROLLUP_INTERVAL_MS = 60_000;
/** Any constant: one instance rebuilds at a time. */
const ROLLUP_LOCK_KEY = '7305002120';
/** The UTC day of `date`, as YYYY-MM-DD. */
export function utcDay(date: Date): string {
  return utcDayOf(date.getTime()).name;
}

/**
 * Keeps `usage_daily` in step with the ledger: rebuilds today and yesterday (a call recorded
 * late, after midnight, lands in its own day) every minute, and on its first run every day the
 * rollups do not have yet; and the prompt experiments' per-session figures with it. One transaction per run, under an advisory lock, so that two instances
 * never rebuild the same days at once and a reader never sees a day half-built.
 */
export class UsageRollups {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), ROLLUP_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One rebuild (a run already under way is waited for instead); failures are logged. */
  runOnce(): Promise<void> {
    this.#running ??= this.#rebuild()
      .catch((error: unknown) => this.logger.error({ err: error }, 'usage rollup failed'))
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #rebuild(now = new Date()): Promise<void> {
    await this.db.transaction(async (trx) => {
      const { rows } = (await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS locked', [
        ROLLUP_LOCK_KEY,
      ])) as { rows: Array<{ locked: boolean }> };
      if (!rows[0]?.locked) return;
      const [latest] = (await trx('usage_daily').max({ day: 'day' })) as Array<{
        day: Date | string | null;
      }>;
      const yesterday = utcDay(new Date(now.getTime() - DAY_MS));
      const latestDay = latest?.day ? utcDay(new Date(latest.day)) : null;
      // Everything the rollups lack: from their latest day (or the ledger's start), at most yesterday.
      const from = latestDay && latestDay < yesterday ? latestDay : latestDay ? yesterday : null;
      await trx.raw(`DELETE FROM usage_daily WHERE (?::date IS NULL OR day >= ?::date)`, [
        from,
        from,
      ]);
      await trx.raw(
        `INSERT INTO usage_daily
           (day, site_id, model, purpose, calls, errors, stopped, input_tokens, output_tokens, cost_usd)
         SELECT (created_at AT TIME ZONE 'UTC')::date, site_id, model, purpose,
                count(*), count(*) FILTER (WHERE outcome = 'error'),
                count(*) FILTER (WHERE outcome = 'stopped'),
                sum(input_tokens), sum(output_tokens), sum(estimated_cost_usd)
           FROM api_usage_log
          WHERE ?::date IS NULL OR created_at >= (?::date)::timestamp AT TIME ZONE 'UTC'
          GROUP BY 1, 2, 3, 4`,
        [from, from],
      );
      await refreshExperimentStats(trx, now);
    });
  }
}
