import type Router from '@koa/router';
import type { SessionService } from '../../chat/session-service.js';
import { refuseOverWindow } from '../../limits/refuse-over-window.js';
import type { WindowCounter } from '../../limits/window-counter.js';
import { jsonBody } from '../middleware/json-body.js';
import {
  createSessionBody,
  forkSessionBody,
  idParam,
  sessionListQuery,
  updateSessionBody,
} from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';
import { createRouter } from '../router.js';

export interface SessionRouteOptions {
  /** SESSIONS_PER_USER_PER_HOUR, counted in `windows`. */
  newPerUserPerHour: number;
  windows: WindowCounter;
}

const HOUR_MS = 3_600_000;

export function sessionRoutes(
  sessions: SessionService,
  options: SessionRouteOptions,
): Router<AppState> {
  const router = createRouter('/chat/sessions');

  /** Counted once the body is valid: a client's malformed request does not use up its hour. */
  const countNewSession = (userId: string) =>
    refuseOverWindow({
      windows: options.windows,
      key: `sessions:${userId}`,
      max: options.newPerUserPerHour,
      windowMs: HOUR_MS,
      message: `Too many new conversations (at most ${options.newPerUserPerHour} an hour); continue an existing one or retry later.`,
    });

  router.post('/', jsonBody(), async (ctx) => {
    const body = parseInput(createSessionBody, ctx.state.body, 'body');
    sessions.checkMode(body.mode, ctx.state.siteId);
    await countNewSession(ctx.state.userId);
    ctx.status = 201;
    ctx.body = await sessions.create(ctx.state.userId, body, ctx.state.siteId);
  });

  router.get('/', async (ctx) => {
    const query = parseInput(sessionListQuery, ctx.query, 'query');
    ctx.body = await sessions.list(ctx.state.userId, query);
  });

  router.get('/:id', async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    ctx.body = await sessions.get(ctx.state.userId, id);
  });

  router.patch('/:id', jsonBody(), async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    const changes = parseInput(updateSessionBody, ctx.state.body, 'body');
    ctx.body = await sessions.update(ctx.state.userId, id, changes);
  });

  router.post('/:id/fork', jsonBody(), async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    const body = parseInput(forkSessionBody, ctx.state.body, 'body');
    const { userId } = ctx.state;
    const request = { userId, sessionId: id, messageId: body.message_id, title: body.title };
    const session = await sessions.fork(request, () => countNewSession(userId));
    ctx.status = 201;
    ctx.body = session;
  });

  router.delete('/:id', async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    await sessions.delete(ctx.state.userId, id);
    ctx.status = 204;
  });

  return router;
}
