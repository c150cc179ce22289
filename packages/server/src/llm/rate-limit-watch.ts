import type { Middleware } from '@anthropic-ai/sdk';

/**
 * An SDK middleware that reports each 429 (the organisation's rate limit) the moment it arrives:
 * the SDK's own retry then sleeps for `retry-after` before asking again, and every other send should
 * know to wait meanwhile rather than join the storm.
 */
export function watchRateLimit(
  onRateLimited: (retryAfterMs: number | undefined) => void,
): Middleware {
  return async (request, next) => {
    const response = await next(request);
    if (response.status === 429) onRateLimited(retryAfterMs(response.headers));
    return response;
  };
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date, as the SDK reads them. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const header = headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const until = Date.parse(header) - Date.now();
  return Number.isFinite(until) ? Math.max(0, until) : undefined;
}
