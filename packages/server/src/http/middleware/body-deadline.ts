import type { Middleware } from 'koa';
import type { AppState } from '../state.js';

/** The headers are in: the body has `timeoutMs` from now (json-body.ts answers 408 after). 0: no limit. */
export function bodyDeadline(timeoutMs: number): Middleware<AppState> {
  return async (ctx, next) => {
    if (timeoutMs > 0) ctx.state.bodyDeadline = Date.now() + timeoutMs;
    await next();
  };
}
