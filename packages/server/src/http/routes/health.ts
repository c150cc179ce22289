import Router from '@koa/router';
import type { Database } from '../../db/connect.js';
import { isMigrated } from '../../db/migrate.js';
import type { Metrics } from '../../observability/metrics.js';
import type { AppState } from '../state.js';

/** Liveness, readiness and metrics: at the root, no token. */
export function operationalRoutes(db: Database, metrics: Metrics): Router<AppState> {
  const router = new Router<AppState>();

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
    ctx.set('Content-Type', metrics.registry.contentType);
    ctx.body = await metrics.registry.metrics();
  });

  return router;
}
