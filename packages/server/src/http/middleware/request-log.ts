import type { Middleware } from 'koa';
import type { Logger } from '../../observability/logger.js';
import { routePattern } from '../route-pattern.js';
import type { AppState } from '../state.js';

/** One JSON line per request: ids, route, status and time; never bodies or credentials. */
export function requestLog(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      logger.info(
        {
          requestId: ctx.state.requestId,
          method: ctx.method,
          route: routePattern(ctx) ?? ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - startedAt),
          userId: ctx.state.userId,
        },
        'request',
      );
    }
  };
}
