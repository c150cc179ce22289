import Router from '@koa/router';
import { RateLimitedError } from '../../errors.js';
import type { ExportService } from '../../export/export-service.js';
import type { WindowCounter } from '../../limits/window-counter.js';
import { contentDisposition } from '../content-disposition.js';
import { exportQuery, idParam } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';

export interface ExportRouteOptions {
  /** EXPORTS_PER_USER_PER_MINUTE, counted in `windows`. */
  perUserPerMinute: number;
  windows: WindowCounter;
}

const MINUTE_MS = 60_000;

/** GET /chat/sessions/{id}/export (SPEC "Finding and keeping conversations"). */
export function exportRoutes(
  exports: ExportService,
  options: ExportRouteOptions,
): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/chat/sessions' });

  router.get('/:id/export', async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    const { format, branches } = parseInput(exportQuery, ctx.query, 'query');
    const { userId } = ctx.state;
    const hit = await options.windows.hit(`export:${userId}`, options.perUserPerMinute, MINUTE_MS);
    if (!hit.allowed) {
      throw new RateLimitedError(
        hit.retryAfterSeconds,
        `Too many exports (at most ${options.perUserPerMinute} a minute); retry shortly.`,
      );
    }
    const file = await exports.export({ userId, sessionId: id, format, branches });
    ctx.set('Content-Disposition', contentDisposition('attachment', file.fileName));
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = file.contentType;
    ctx.body = file.body;
  });

  return router;
}
