import type { Database } from '../db/connect.js';
import { readSetting, writeSetting } from '../db/server-settings.js';
import type { Logger } from '../observability/logger.js';
import { EXPERIMENT_STATS_SETTING, refreshExperimentStats } from '../personas/experiment-rollup.js';
import { rebuildActivity } from './activity-rollup.js';
import { groupNewQuestions } from './question-grouping.js';
import { deleteDaysFrom, firstDayToRebuild, onOrAfter } from './rebuild-window.js';

/** How often the latest days are rebuilt: the console's figures are this fresh. */
export const ROLLUP_INTERVAL_MS = 60_000;
/** First questions filed per run: a first run over a long history catches up over a few minutes. */
const QUESTIONS_PER_RUN = 5000;
/** Any constant: one instance rebuilds at a time. */
const ROLLUP_LOCK_KEY = '7305002120';

/** When the last run started: the console's figures are as of then. */
const ROLLUPS_SETTING = 'rollups_run_at';

/** When the rollups were last brought up to date; null before the first run. */
export async function rollupsAsOf(db: Database): Promise<string | null> {
  return (await readSetting(db, ROLLUPS_SETTING)) ?? null;
}

/** What a run did: nothing (another instance was running, or it failed), or all of it. */
export interface RollupRun {
  ran: boolean;
  /** The run filed as many first questions as it may: more may be waiting for the next. */
  questionsLeft: boolean;
}
const NOT_RUN: RollupRun = { ran: false, questionsLeft: false };

/**
 * After rows dated in the past were written (the demo's 30 days): the next run rebuilds every
 * day and every experiment's figures, not only the latest.
 */
export async function rebuildEverythingNextRun(trx: Database): Promise<void> {
  await trx('usage_daily').delete();
  await trx('activity_daily').delete();
  await trx('server_settings').where({ key: EXPERIMENT_STATS_SETTING }).delete();
}

/**
 * Keeps the console's rollups in step: `usage_daily` with the ledger and `activity_daily` with
 * the conversations, rebuilding today and yesterday every minute (and on a first run every day
 * they lack); the prompt experiments' per-session figures and the popular questions' groups with
 * them. One transaction per run, under an advisory lock, so that two instances never rebuild the
 * same days at once and a reader never sees a day half-built.
 */
export class UsageRollups {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<RollupRun> | undefined;

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
  runOnce(): Promise<RollupRun> {
    this.#running ??= this.#rebuild()
      .catch((error: unknown): RollupRun => {
        this.logger.error({ err: error }, 'usage rollup failed');
        return NOT_RUN;
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  #rebuild(now = new Date()): Promise<RollupRun> {
    return this.db.transaction(async (trx) => {
      const { rows } = (await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS locked', [
        ROLLUP_LOCK_KEY,
      ])) as { rows: Array<{ locked: boolean }> };
      if (!rows[0]?.locked) return NOT_RUN;
      const from = await firstDayToRebuild(trx, 'usage_daily', now);
      await deleteDaysFrom(trx, 'usage_daily', from);
      await trx.raw(
        `INSERT INTO usage_daily
           (day, site_id, model, purpose, calls, errors, stopped, input_tokens, output_tokens, cost_usd)
         SELECT (created_at AT TIME ZONE 'UTC')::date, site_id, model, purpose,
                count(*), count(*) FILTER (WHERE outcome = 'error'),
                count(*) FILTER (WHERE outcome = 'stopped'),
                sum(input_tokens), sum(output_tokens), sum(estimated_cost_usd)
           FROM api_usage_log
          WHERE ${onOrAfter('created_at')}
          GROUP BY 1, 2, 3, 4`,
        [from, from],
      );
      await rebuildActivity(trx, await firstDayToRebuild(trx, 'activity_daily', now));
      await refreshExperimentStats(trx, now);
      const questionsFiled = await groupNewQuestions(trx, now, QUESTIONS_PER_RUN);
      await writeSetting(trx, ROLLUPS_SETTING, now.toISOString());
      return { ran: true, questionsLeft: questionsFiled === QUESTIONS_PER_RUN };
    });
  }
}
