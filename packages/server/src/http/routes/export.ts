import type Router from '@koa/router';
import type { ExportService } from '../../export/export-service.js';
import { refuseOverWindow } from '../../limits/refuse-over-window.js';
import type { WindowCounter } from '../../limits/window-counter.js';
import { contentDisposition } from '../content-disposition.js';
import { exportQuery, idParam } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';
import { createRouter } from '../router.js';

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
  const router = createRouter('/chat/sessions');

  router.get('/:id/export', async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    const { format, branches } = parseInput(exportQuery, ctx.query, 'query');
    const { userId } = ctx.state;
    await refuseOverWindow({
      windows: options.windows,
      key: `export:${userId}`,
      max: options.perUserPerMinute,
      windowMs: MINUTE_MS,
      message: `Too many exports (at most ${options.perUserPerMinute} a minute); retry shortly.`,
    });
    const file = await exports.export({ userId, sessionId: id, format, branches });
    ctx.set('Content-Disposition', contentDisposition('attachment', file.fileName));
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = file.contentType;
    ctx.body = file.body;
  });

  return router;
}
