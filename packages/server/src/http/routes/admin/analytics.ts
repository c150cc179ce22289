import type Router from '@koa/router';
import { z } from 'zod';
import { UsageReport, usageCsv, type UsageGrouping } from '../../../analytics/usage-report.js';
import { utcDay } from '../../../analytics/usage-rollups.js';
import { DAY_MS } from '../../../budgets/utc-day.js';
import type { Database } from '../../../db/connect.js';
import { InvalidRequestError } from '../../../errors.js';
import { contentDisposition } from '../../content-disposition.js';
import type { AppState } from '../../state.js';
import { parseInput } from '../../validation.js';
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
const usageQuery = z.object({
  from: day,
  to: day,
  group_by: z
    .enum(['none', 'model', 'site'], { message: 'must be "none", "model" or "site"' })
    .optional()
    .default('none'),
  format: z
    .enum(['json', 'csv'], { message: 'must be "json" or "csv"' })
    .optional()
    .default('json'),
});

const KEY_NAMES: Record<UsageGrouping, string> = { none: 'all', model: 'model', site: 'site_id' };

/** `/admin/analytics/*`: figures from the daily rollups, as JSON or CSV. */
export function adminAnalyticsRoutes(db: Database): Router<AppState> {
  const router = createRouter('/analytics');
  const report = new UsageReport(db);

  router.get('/overview', async (ctx) => {
    ctx.body = await report.overview();
  });

  router.get('/usage', async (ctx) => {
    const query = parseInput(usageQuery, ctx.query, 'query');
    const to = query.to ?? utcDay(new Date());
    const from = query.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) throw new InvalidRequestError('from must not be after to.', { field: 'from' });
    if (days > MAX_RANGE_DAYS) {
      throw new InvalidRequestError(`A range is at most ${MAX_RANGE_DAYS} days.`, { field: 'to' });
    }
    const rows = await report.daily(from, to, query.group_by);
    if (query.format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set(
        'Content-Disposition',
        contentDisposition('attachment', `repruv-usage-${from}-to-${to}-by-${query.group_by}.csv`),
      );
      ctx.body = usageCsv(rows, KEY_NAMES[query.group_by]);
      return;
    }
    ctx.body = { from, to, group_by: query.group_by, data: rows };
  });

  return router;
}
