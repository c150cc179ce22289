import type { Middleware } from 'koa';
import type { AppState } from '../state.js';

/**
 * On every response, errors and streams included: browsers never guess a type other than the one
 * sent (a JSON error cannot run as a script), and no page URL leaks through Referer from our pages.
 */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

export function securityHeaders(): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.set(SECURITY_HEADERS);
    await next();
  };
}
