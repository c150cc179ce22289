import Router from '@koa/router';
import type { SessionService } from '../../chat/session-service.js';
import { jsonBody } from '../middleware/json-body.js';
import { createSessionBody, idParam, sessionListQuery, updateSessionBody } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';

export function sessionRoutes(sessions: SessionService): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/chat/sessions' });

  router.post('/', jsonBody(), async (ctx) => {
    const body = parseInput(createSessionBody, ctx.state.body, 'body');
    ctx.status = 201;
    ctx.body = await sessions.create(ctx.state.userId, body);
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

  router.delete('/:id', async (ctx) => {
    const { id } = parseInput(idParam, ctx.params, 'path');
    await sessions.delete(ctx.state.userId, id);
    ctx.status = 204;
  });

  return router;
}
