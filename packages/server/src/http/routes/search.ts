import type Router from '@koa/router';
import { refuseOverWindow } from '../../limits/refuse-over-window.js';
import type { WindowCounter } from '../../limits/window-counter.js';
import type { SearchService } from '../../search/search-service.js';
import { searchQuery } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';
import { createRouter } from '../router.js';

export interface SearchRouteOptions {
  /** SEARCHES_PER_USER_PER_MINUTE, counted in `windows`. */
  perUserPerMinute: number;
  windows: WindowCounter;
}

const MINUTE_MS = 60_000;

export function searchRoutes(search: SearchService, options: SearchRouteOptions): Router<AppState> {
  const router = createRouter('/chat/search');

  router.get('/', async (ctx) => {
    const query = parseInput(searchQuery, ctx.query, 'query');
    const { userId } = ctx.state;
    await refuseOverWindow({
      windows: options.windows,
      key: `search:${userId}`,
      max: options.perUserPerMinute,
      windowMs: MINUTE_MS,
      message: `Too many searches (at most ${options.perUserPerMinute} a minute); retry shortly.`,
    });
    ctx.body = await search.search({ ...query, userId });
  });

  return router;
}
