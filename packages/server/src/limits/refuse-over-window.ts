import { RateLimitedError } from '../errors.js';
import type { WindowCounter } from './window-counter.js';

export interface WindowLimit {
  windows: WindowCounter;
  /** What is counted, and for whom: `search:<user id>`. */
  key: string;
  max: number;
  windowMs: number;
  /** What the 429 says, naming the limit. */
  message: string;
}

/** Counts one more in the window; over the limit, 429 rate_limited with Retry-After. */
export async function refuseOverWindow(limit: WindowLimit): Promise<void> {
  const hit = await limit.windows.hit(limit.key, limit.max, limit.windowMs);
  if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds, limit.message);
}
