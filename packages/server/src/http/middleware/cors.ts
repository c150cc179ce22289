import type { Middleware } from 'koa';
import type { AppState } from '../state.js';

export type OriginCheck = (origin: string) => Promise<boolean>;

const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, Last-Event-ID, X-Request-Id';
export const EXPOSED_HEADERS =
  'X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Content-Disposition';

/** CORS for allowed origins only; others get no CORS headers, so the browser blocks them. */
export function cors(isAllowed: OriginCheck): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.vary('Origin');
    const origin = ctx.get('Origin');
    const allowed = origin !== '' && (await isAllowed(origin));
    if (allowed) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      if (allowed) {
        ctx.set('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
        ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    await next();
  };
}
