import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { ActivityReport, activityCsv } from '../../../analytics/activity-report.js';
import { PopularQuestions, questionsCsv } from '../../../analytics/popular-questions.js';
import { UsageReport, usageCsv, type UsageGrouping } from '../../../analytics/usage-report.js';
import { rollupsAsOf } from '../../../analytics/usage-rollups.js';
import { DAY_MS, utcDay } from '../../../budgets/utc-day.js';
import type { Database } from '../../../db/connect.js';
import { InvalidRequestError } from '../../../errors.js';
import { contentDisposition } from '../../content-disposition.js';
import type { AppState } from '../../state.js';
import { limitParam, parseInput, uuid } from '../../validation.js';
import { createRouter } from '../../router.js';

const MAX_RANGE_DAYS = 366;
const once = { message: 'must be given once' };
const day = z
  .string(once)
  .regex(/^\d{4}-\d\d-\d\d$/, 'must be a day, YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      utcDay(new Date(`${value}T00:00:00Z`)) === value,
    'must be a real day',
  )
  .optional();
const format = z
  .enum(['json', 'csv'], { message: 'must be "json" or "csv"' })
  .optional()
  .default('json');
const rangeQuery = { from: day, to: day, format };
// A site removed since keeps its history: any id is a filter, none is a 404.
const usageQuery = z.object({
  ...rangeQuery,
  site_id: uuid.optional(),
  group_by: z
    .enum(['none', 'model', 'site'], { message: 'must be "none", "model" or "site"' })
    .optional()
    .default('none'),
});
const activityQuery = z.object({ ...rangeQuery, site_id: uuid.optional() });
const questionsQuery = z.object({ ...rangeQuery, site_id: uuid.optional(), limit: limitParam(20) });

const KEY_NAMES: Record<UsageGrouping, string> = { none: 'all', model: 'model', site: 'site_id' };

/** The range asked for: 30 days to today (UTC) unless said, at most MAX_RANGE_DAYS. */
function rangeOf(query: { from?: string | undefined; to?: string | undefined }) {
  const to = query.to ?? utcDay(new Date());
  const from = query.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1) throw new InvalidRequestError('from must not be after to.', { field: 'from' });
  if (days > MAX_RANGE_DAYS) {
    throw new InvalidRequestError(`A range is at most ${MAX_RANGE_DAYS} days.`, { field: 'to' });
  }
  return { from, to };
}

function sendCsv(ctx: Context, fileName: string, csv: string): void {
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('Content-Disposition', contentDisposition('attachment', fileName));
  ctx.body = csv;
}

/** `/admin/analytics/*`: figures from the daily rollups, as JSON or CSV. */
export function adminAnalyticsRoutes(db: Database): Router<AppState> {
  const router = createRouter('/analytics');
  const usage = new UsageReport(db);
  const activity = new ActivityReport(db);
  const questions = new PopularQuestions(db);

  router.get('/overview', async (ctx) => {
    ctx.body = await usage.overview();
  });

  router.get('/usage', async (ctx) => {
    const query = parseInput(usageQuery, ctx.query, 'query');
    const { from, to } = rangeOf(query);
    const siteId = query.site_id ?? null;
    const rows = await usage.daily(from, to, query.group_by, siteId);
    if (query.format === 'csv') {
      const site = siteId ? `-site-${siteId}` : '';
      const name = `repruv-usage-${from}-to-${to}${site}-by-${query.group_by}.csv`;
      return sendCsv(ctx, name, usageCsv(rows, KEY_NAMES[query.group_by]));
    }
    ctx.body = { from, to, group_by: query.group_by, site_id: siteId, data: rows };
  });

  router.get('/activity', async (ctx) => {
    const query = parseInput(activityQuery, ctx.query, 'query');
    const { from, to } = rangeOf(query);
    const siteId = query.site_id ?? null;
    const [report, asOf] = await Promise.all([activity.daily(from, to, siteId), rollupsAsOf(db)]);
    if (query.format === 'csv') {
      const name = `repruv-activity-${from}-to-${to}${siteId ? `-site-${siteId}` : ''}.csv`;
      return sendCsv(ctx, name, activityCsv(report.data));
    }
    ctx.body = { from, to, site_id: siteId, figures_as_of: asOf, ...report };
  });

  router.get('/questions', async (ctx) => {
    const query = parseInput(questionsQuery, ctx.query, 'query');
    const { from, to } = rangeOf(query);
    const siteId = query.site_id ?? null;
    const [top, asOf] = await Promise.all([
      questions.top(from, to, siteId, query.limit),
      rollupsAsOf(db),
    ]);
    if (query.format === 'csv') {
      const name = `repruv-questions-${from}-to-${to}${siteId ? `-site-${siteId}` : ''}.csv`;
      return sendCsv(ctx, name, questionsCsv(top.data));
    }
    ctx.body = { from, to, site_id: siteId, figures_as_of: asOf, ...top };
  });

  return router;
}
