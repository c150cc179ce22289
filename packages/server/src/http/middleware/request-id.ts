import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from '../state.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The caller's own id if it sent a sane one, else a new UUID. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming !== undefined && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** Every response carries X-Request-Id: the caller's own if it sent a sane one, else a new UUID. */
export function requestId(): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.requestId = requestIdFor(ctx.get('X-Request-Id'));
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}
