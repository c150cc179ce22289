import { DAY_MS } from '../budgets/utc-day.js';
import type { Database } from '../db/connect.js';
import { csvText } from './csv.js';
import type { components } from '../generated/openapi.js';
import { percentilesOf } from './log-buckets.js';

export type ActivityFigures = components['schemas']['ActivityFigures'];
export type ActivityDay = components['schemas']['ActivityDay'];

const DAY = "to_char(day, 'YYYY-MM-DD')";
type Metric = 'session_seconds' | 'first_token_ms' | 'reply_ms';

/** What is summed per day before the figures are worked out. */
interface Sums {
  sessions: number;
  activeSessions: number;
  activeUsers: number;
  messages: number;
  replies: number;
  errors: number;
  stopped: number;
  breakerOpenings: number;
  budgetRefusals: number;
  buckets: Record<Metric, Map<number, number>>;
}

const emptySums = (): Sums => ({
  sessions: 0,
  activeSessions: 0,
  activeUsers: 0,
  messages: 0,
  replies: 0,
  errors: 0,
  stopped: 0,
  breakerOpenings: 0,
  budgetRefusals: 0,
  buckets: { session_seconds: new Map(), first_token_ms: new Map(), reply_ms: new Map() },
});

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function figuresOf(sums: Sums): ActivityFigures {
  return {
    sessions: sums.sessions,
    messages: sums.messages,
    replies: sums.replies,
    errors: sums.errors,
    stopped: sums.stopped,
    error_rate: ratio(sums.errors, sums.replies),
    stop_rate: ratio(sums.stopped, sums.replies),
    messages_per_session:
      sums.activeSessions === 0
        ? null
        : Math.round((sums.messages / sums.activeSessions) * 100) / 100,
    session_seconds: percentilesOf(sums.buckets.session_seconds),
    first_token_ms: percentilesOf(sums.buckets.first_token_ms),
    reply_ms: percentilesOf(sums.buckets.reply_ms),
    breaker_openings: sums.breakerOpenings,
    budget_refusals: sums.budgetRefusals,
  };
}

/**
 * The console's activity figures per UTC day, from the rollups (activity_daily,
 * distribution_daily) and the events counted as they happened; every day of the range is there,
 * quiet ones with zeros. With a site, its sessions only; the circuit breaker is the server's own,
 * so its openings are the same for every site.
 */
export class ActivityReport {
  constructor(private readonly db: Database) {}

  async daily(from: string, to: string, siteId: string | null) {
    const site = siteId ? 'AND site_id = ?' : '';
    const bindings = siteId ? [from, to, siteId] : [from, to];
    const [activity, distributions, events] = await Promise.all([
      this.rows(
        `SELECT ${DAY} AS day, sum(sessions_started) AS sessions, sum(active_sessions) AS active_sessions,
                sum(active_users) AS active_users, sum(messages) AS messages,
                sum(replies) AS replies, sum(errors) AS errors, sum(stopped) AS stopped
           FROM activity_daily WHERE day BETWEEN ?::date AND ?::date ${site} GROUP BY 1`,
        bindings,
      ),
      this.rows(
        `SELECT ${DAY} AS day, metric, bucket, sum(count) AS count
           FROM distribution_daily WHERE day BETWEEN ?::date AND ?::date ${site}
          GROUP BY 1, metric, bucket`,
        bindings,
      ),
      this.rows(
        `SELECT ${DAY} AS day, kind, sum(count) AS count
           FROM operational_events_daily
          WHERE day BETWEEN ?::date AND ?::date
            AND ${siteId ? "(kind = 'breaker_opened' OR site_id = ?)" : 'true'}
          GROUP BY 1, kind`,
        bindings,
      ),
    ]);

    const days = new Map<string, Sums>();
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
      days.set(new Date(t).toISOString().slice(0, 10), emptySums());
    }
    const total = emptySums();
    for (const row of activity) {
      const sums = days.get(String(row.day));
      if (!sums) continue;
      for (const target of [sums, total]) {
        target.sessions += Number(row.sessions);
        target.activeSessions += Number(row.active_sessions);
        target.activeUsers += Number(row.active_users);
        target.messages += Number(row.messages);
        target.replies += Number(row.replies);
        target.errors += Number(row.errors);
        target.stopped += Number(row.stopped);
      }
    }
    for (const row of distributions) {
      const sums = days.get(String(row.day));
      if (!sums) continue;
      for (const target of [sums, total]) {
        const counts = target.buckets[row.metric as Metric];
        const bucket = Number(row.bucket);
        counts.set(bucket, (counts.get(bucket) ?? 0) + Number(row.count));
      }
    }
    for (const row of events) {
      const sums = days.get(String(row.day));
      if (!sums) continue;
      for (const target of [sums, total]) {
        if (row.kind === 'breaker_opened') target.breakerOpenings += Number(row.count);
        if (row.kind === 'budget_refused') target.budgetRefusals += Number(row.count);
      }
    }
    const data: ActivityDay[] = [...days].map(([day, sums]) => {
      const { sessions, ...rest } = figuresOf(sums);
      return {
        day,
        sessions,
        active_sessions: sums.activeSessions,
        active_users: sums.activeUsers,
        ...rest,
      };
    });
    return { data, totals: figuresOf(total) };
  }

  private async rows(sql: string, bindings: readonly string[]) {
    const { rows } = (await this.db.raw(sql, bindings)) as {
      rows: Array<Record<string, unknown>>;
    };
    return rows;
  }
}

const CSV_HEADER = [
  'day',
  'sessions',
  'active_sessions',
  'active_users',
  'messages',
  'replies',
  'errors',
  'stopped',
  'error_rate',
  'stop_rate',
  'messages_per_session',
  'session_seconds_p50',
  'session_seconds_p95',
  'first_token_ms_p50',
  'first_token_ms_p95',
  'reply_ms_p50',
  'reply_ms_p95',
  'breaker_openings',
  'budget_refusals',
];

export function activityCsv(days: ActivityDay[]): string {
  return csvText(
    CSV_HEADER,
    days.map((d) => [
      d.day,
      d.sessions,
      d.active_sessions,
      d.active_users,
      d.messages,
      d.replies,
      d.errors,
      d.stopped,
      d.error_rate,
      d.stop_rate,
      d.messages_per_session,
      d.session_seconds.p50,
      d.session_seconds.p95,
      d.first_token_ms.p50,
      d.first_token_ms.p95,
      d.reply_ms.p50,
      d.reply_ms.p95,
      d.breaker_openings,
      d.budget_refusals,
    ]),
  );
}
