import type { Middleware, ParameterizedContext } from 'koa';
import {
  AppError,
  InternalError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
} from '../../errors.js';
import { isDatabaseUnavailable, unstorableText } from '../../db/errors.js';
import { isRedisUnavailable } from '../../redis-errors.js';
import type { Logger } from '../../observability/logger.js';
import type { AppState } from '../state.js';

function fromHttpError(error: {
  status?: unknown;
  expose?: unknown;
  message?: string;
  headers?: Record<string, string>;
}): AppError | undefined {
  const status = typeof error.status === 'number' ? error.status : undefined;
  if (status === undefined || status >= 500) return undefined;
  if (status === 429) {
    const retryAfter = Number(error.headers?.['Retry-After'] ?? 60);
    return new RateLimitedError(Number.isFinite(retryAfter) ? retryAfter : 60);
  }
  if (status === 413) return new PayloadTooLargeError(64 * 1024);
  if (status === 404) return new NotFoundError('Resource');
  if (status === 401) return new UnauthorizedError();
  return new InvalidRequestError(
    error.expose && error.message ? error.message : 'The request is not valid.',
  );
}

/**
 * What the routers' `allowedMethods` left unanswered: 405 for a path served with other methods, or
 * 501 for a method no route knows (PROPFIND…), which is the client's mistake too: 405 when the path
 * exists, else 404.
 */
function unroutedError(ctx: ParameterizedContext<AppState>): AppError | undefined {
  if (ctx.body !== undefined) return undefined;
  if (ctx.status === 404) return new NotFoundError('Route');
  if (ctx.status !== 405 && ctx.status !== 501) return undefined;
  const allowed = ctx.response
    .get('Allow')
    .split(',')
    .map((method) => method.trim())
    .filter(Boolean);
  ctx.remove('Allow');
  return allowed.length > 0 ? new MethodNotAllowedError(allowed) : new NotFoundError('Route');
}

/** Turns anything thrown below into the JSON error body of the SPEC, in exactly one place. */
export function errorMapper(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      const unrouted = unroutedError(ctx);
      if (unrouted) throw unrouted;
    } catch (thrown) {
      let error =
        thrown instanceof AppError
          ? thrown
          : unstorableText(thrown)
            ? new InvalidRequestError(
                'The request contains characters that cannot be stored (such as NUL).',
              )
            : fromHttpError(thrown as object);
      if (!error && isRedisUnavailable(thrown)) {
        logger.warn({ requestId: ctx.state.requestId }, 'redis unavailable');
        error = new ServiceUnavailableError(
          'Shared state (Redis) is unavailable; retry shortly.',
          2,
        );
      }
      if (!error && isDatabaseUnavailable(thrown)) {
        logger.warn({ requestId: ctx.state.requestId }, 'database unavailable');
        error = new ServiceUnavailableError('The database is unavailable; retry shortly.', 2);
      }
      if (!error) {
        logger.error({ err: thrown, requestId: ctx.state.requestId }, 'unhandled error');
        error = new InternalError();
      }
      if (ctx.headerSent) {
        logger.warn(
          { requestId: ctx.state.requestId, code: error.code },
          'error after headers were sent',
        );
        return;
      }
      ctx.status = error.status;
      for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
      const rateLimitHeaders = (thrown as { headers?: Record<string, string> }).headers;
      if (error.code === 'rate_limited' && rateLimitHeaders) {
        for (const [name, value] of Object.entries(rateLimitHeaders)) ctx.set(name, value);
      }
      ctx.body = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
        request_id: ctx.state.requestId,
      };
    }
  };
}
