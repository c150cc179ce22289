/** Activity and popular questions as `/api/v1/admin/analytics/activity` and `/questions` give them. */
import type { DayRange } from './analytics-range.js';
import type { Schemas } from './api-schemas.js';

/** Null where there was nothing to measure. */
export type Percentiles = Schemas['Percentiles'];
export type ActivityFigures = Schemas['ActivityFigures'];
export type ActivityDay = Schemas['ActivityDay'];
export type PopularQuestion = Schemas['PopularQuestion'];

export interface ActivityReport extends DayRange {
  site_id: string | null;
  /** When the server's rollup job last ran; null before its first run. */
  figures_as_of: string | null;
  /** Every day of the range, oldest first, quiet days as zeros. */
  data: ActivityDay[];
  totals: ActivityFigures;
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
