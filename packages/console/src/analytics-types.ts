/** Activity and popular questions as `/api/v1/admin/analytics/activity` and `/questions` give them. */
import type { DayRange } from './analytics-range.js';

/** Null where there was nothing to measure. */
export interface Percentiles {
  p50: number | null;
  p95: number | null;
}

export interface ActivityFigures {
  sessions: number;
  messages: number;
  replies: number;
  errors: number;
  stopped: number;
  error_rate: number | null;
  stop_rate: number | null;
  messages_per_session: number | null;
  session_seconds: Percentiles;
  first_token_ms: Percentiles;
  reply_ms: Percentiles;
  breaker_openings: number;
  budget_refusals: number;
}

export interface ActivityDay extends ActivityFigures {
  day: string;
  active_sessions: number;
  active_users: number;
}

export interface ActivityReport extends DayRange {
  site_id: string | null;
  /** When the server's rollup job last ran; null before its first run. */
  figures_as_of: string | null;
  /** Every day of the range, oldest first, quiet days as zeros. */
  data: ActivityDay[];
  totals: ActivityFigures;
}

export interface PopularQuestion {
  group_id: string;
  question: string;
  sessions: number;
  share: number;
  examples: string[];
  last_asked_at: string;
}

export interface QuestionsReport extends DayRange {
  site_id: string | null;
  figures_as_of: string | null;
  total_sessions: number;
  data: PopularQuestion[];
}

/** What the analytics page asks for: a range, and one site or ('') all of them. */
export interface AnalyticsQuery extends DayRange {
  siteId: string;
}
