import type { Middleware } from 'koa';
import type { Metrics } from '../../observability/metrics.js';
import { routePattern } from '../route-pattern.js';
import type { AppState } from '../state.js';

/**
 * Counts requests by route pattern (never by raw path, which would explode the label set) and by the
 * status sent: it sits above the error mapper, so a thrown error is counted with its own status.
 */
export function httpMetrics(metrics: Metrics): Middleware<AppState> {
  return async (ctx, next) => {
    const stopTimer = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = routePattern(ctx) ?? 'unmatched';
      stopTimer({ method: ctx.method, route });
      metrics.httpRequests.inc({ method: ctx.method, route, status: String(ctx.status) });
    }
  };
}
