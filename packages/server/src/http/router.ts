import Router from '@koa/router';
import type { AppState } from './state.js';

/**
 * Every router of the app, case-sensitive. @koa/router matches route paths without regard to case
 * by default but a router's own middleware (the authentication of the chat API, the operator and
 * CSRF checks of /admin) case-sensitively: `/API/v1/...` or `/api/v1/Admin/...` reached a handler
 * without its guards. With every router sensitive, such a path matches nothing (404).
 */
export function createRouter(prefix?: string): Router<AppState> {
  return new Router<AppState>({ ...(prefix !== undefined && { prefix }), sensitive: true });
}
