import type { Redis } from 'ioredis';
import { UpstreamUnavailableError } from '../errors.js';

/** Claude's 429 without a `retry-after`: wait this long. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 10_000;
/** However long Claude asks for, check again after this: a wrong header must not silence us for an hour. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * "Claude is at the organisation's rate limit: nobody calls it until then." Set by a 429, read before
 * every call. Deliberately apart from the circuit breaker: a 429 says Claude is well and we are over
 * our quota, and says exactly how long to wait; counted as a failure it would open the circuit for
 * its whole cooldown (a minute), far beyond what Claude asked for, and on this instance only.
 */
export interface ClaudeBackoff {
  /** Claude answered 429: wait `retryAfterMs` (default 10 s, at most 60 s), every instance alike. */
  backOff(retryAfterMs: number | undefined): Promise<void>;
  /** What this process knows, without a round trip: milliseconds left to wait, 0 when calls may go. */
  localRemainingMs(): number;
  /** What every instance knows (Redis, when shared); refreshes this process's view. */
  remainingMs(): Promise<number>;
}

export function waitFor(retryAfterMs: number | undefined): number {
  const wait = retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
  return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, Math.ceil(wait)));
}

/** The 503 a send gets while Claude's rate limit is waited out. */
export function claudeAtRateLimit(remainingMs: number): UpstreamUnavailableError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new UpstreamUnavailableError(
    seconds,
    `Claude is at its rate limit for this service; retry in ${seconds} s.`,
  );
}

export class MemoryClaudeBackoff implements ClaudeBackoff {
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async backOff(retryAfterMs: number | undefined): Promise<void> {
    this.waitAtLeast(waitFor(retryAfterMs));
  }

  localRemainingMs(): number {
    return Math.max(0, this.until - this.now());
  }

  async remainingMs(): Promise<number> {
    return this.localRemainingMs();
  }

  /** Never shortens a wait already known. */
  waitAtLeast(ms: number): void {
    this.until = Math.max(this.until, this.now() + ms);
  }
}

// Lengthens the key's life to ARGV[1] ms, never shortens it; the key's PTTL is the wait left, on
// Redis's clock, so instances whose clocks differ still agree.
const BACK_OFF_SCRIPT = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`;

/** Shared by every instance on one Redis; this process's own view answers when Redis does not. */
export class RedisClaudeBackoff implements ClaudeBackoff {
  private readonly local: MemoryClaudeBackoff;

  constructor(
    private readonly redis: Redis,
    private readonly key = 'repruv:claude:rate-limited',
    now: () => number = Date.now,
  ) {
    this.local = new MemoryClaudeBackoff(now);
  }

  async backOff(retryAfterMs: number | undefined): Promise<void> {
    const ms = waitFor(retryAfterMs);
    this.local.waitAtLeast(ms);
    if (ms > 0) await this.redis.eval(BACK_OFF_SCRIPT, 1, this.key, String(ms));
  }

  localRemainingMs(): number {
    return this.local.localRemainingMs();
  }

  async remainingMs(): Promise<number> {
    try {
      const left = await this.redis.pttl(this.key);
      if (left > 0) this.local.waitAtLeast(left);
    } catch {
      // Redis out of reach: what this process saw itself still holds.
    }
    return this.local.localRemainingMs();
  }
}

export function createClaudeBackoff(redis: Redis | undefined): ClaudeBackoff {
  return redis ? new RedisClaudeBackoff(redis) : new MemoryClaudeBackoff();
}
