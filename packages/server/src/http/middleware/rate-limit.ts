import type { Redis } from 'ioredis';
import type { Middleware, ParameterizedContext } from 'koa';
import ratelimit from 'koa-ratelimit';
import { RateLimitedError } from '../../errors.js';
import type { AppState } from '../state.js';
import { ExpiringWindowStore } from './rate-limit-store.js';

const MINUTE_MS = 60_000;
const RESET_EPOCH_HEADER = 'X-RateLimit-Reset-Epoch';

export interface RateLimitOptions {
  maxPerMinute: number;
  /** Shared counter for several instances; the in-process memory driver when absent. */
  redis: Redis | undefined;
  /** The window `maxPerMinute` counts over: a minute, shorter in tests. */
  windowMs?: number;
  /** The memory driver's store (one is made when absent); tests read its size. */
  memoryStore?: ExpiringWindowStore;
}

/**
 * Per-user limit on sending (keyed by user id, never by IP), with the IETF `RateLimit-*` headers:
 * `RateLimit-Reset` in seconds from now, like `Retry-After`.
 */
export function rateLimitMessages(options: RateLimitOptions): Middleware<AppState> {
  const windowMs = options.windowMs ?? MINUTE_MS;
  const limiter = ratelimit({
    ...(options.redis
      ? { driver: 'redis' as const, db: options.redis }
      : {
          driver: 'memory' as const,
          db: options.memoryStore ?? new ExpiringWindowStore(windowMs),
        }),
    duration: windowMs,
    max: options.maxPerMinute,
    id: (ctx) => `repruv:messages:${(ctx.state as AppState).userId}`,
    headers: {
      remaining: 'RateLimit-Remaining',
      reset: RESET_EPOCH_HEADER,
      total: 'RateLimit-Limit',
    },
  }) as unknown as Middleware<AppState>;

  return async (ctx, next) => {
    let allowed = false;
    await limiter(ctx, async () => {
      allowed = true;
      secondsToReset(ctx, windowMs);
      await next();
    });
    if (allowed) return;
    const retryAfter = Math.max(1, secondsToReset(ctx, windowMs));
    const error = new RateLimitedError(retryAfter);
    error.headers['RateLimit-Reset'] = String(retryAfter);
    throw error;
  };
}

function secondsToReset(ctx: ParameterizedContext<AppState>, windowMs: number): number {
  const epoch = Number(ctx.response.get(RESET_EPOCH_HEADER));
  ctx.remove(RESET_EPOCH_HEADER);
  // The limiter's clock runs a little ahead of Date.now(): clamp, or a fresh window reads 61 s.
  const seconds = Number.isFinite(epoch)
    ? Math.min(windowMs / 1000, Math.max(0, Math.ceil(epoch - Date.now() / 1000)))
    : 60;
  ctx.set('RateLimit-Reset', String(seconds));
  return seconds;
}
