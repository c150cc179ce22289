import { createHash, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import { UnauthorizedError } from '../../errors.js';
import type { Database } from '../../db/connect.js';
import { isMigrated } from '../../db/migrate.js';
import type { Metrics } from '../../observability/metrics.js';
import { bearerToken } from '../middleware/auth.js';
import type { AppState } from '../state.js';
import { createRouter } from '../router.js';

export interface OperationalRouteOptions {
  /** METRICS_TOKEN: when set, `/metrics` needs it as a bearer token. */
  metricsToken: string | undefined;
}

// Digests are of equal length whatever was sent, so the comparison takes the same time.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request's bearer token is `expected`, compared in constant time. */
function hasToken(authorization: string, expected: string): boolean {
  const given = bearerToken(authorization);
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/** Liveness, readiness and metrics: at the root; a token for the metrics only if METRICS_TOKEN is set. */
export function operationalRoutes(
  db: Database,
  metrics: Metrics,
  options: OperationalRouteOptions,
): Router<AppState> {
  const router = createRouter();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    try {
      const migrated = await isMigrated(db);
      ctx.status = migrated ? 200 : 503;
      ctx.body = migrated
        ? { status: 'ready' }
        : { status: 'not_ready', reason: 'migrations pending' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'not_ready', reason: 'database unreachable' };
    }
  });

  router.get('/metrics', async (ctx) => {
    const { metricsToken } = options;
    if (metricsToken !== undefined && !hasToken(ctx.get('Authorization'), metricsToken)) {
      throw new UnauthorizedError('/metrics needs METRICS_TOKEN as a bearer token.');
    }
    ctx.set('Content-Type', metrics.registry.contentType);
    ctx.body = await metrics.registry.metrics();
  });

  return router;
}
