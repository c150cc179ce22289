import type { Redis } from 'ioredis';

/** What one hit of a fixed-window counter says: allowed or not, and when its window ends. */
export interface WindowHit {
  allowed: boolean;
  /** Hits counted in this window, this one included. */
  count: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Counts events per key over fixed windows: guest tokens per address, sessions per user an hour.
 * In-process, or in Redis so that every instance counts against the same limit.
 */
export interface WindowCounter {
  hit(key: string, max: number, windowMs: number): Promise<WindowHit>;
}

interface Window {
  count: number;
  endsAt: number;
}

export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Keys held (the sweep drops ended windows); tests read it. */
  get size(): number {
    return this.windows.size;
  }

  async hit(key: string, max: number, windowMs: number): Promise<WindowHit> {
    const now = this.now();
    this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return toHit(window.count, max, window.endsAt - now);
  }

  /** Drops ended windows at most once per window: the map holds the keys of the last window or two. */
  private sweep(now: number, windowMs: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + windowMs;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

// One round trip: count the hit, start the window's expiry on the first one, say how long is left.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export class RedisWindowCounter implements WindowCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'repruv:window:',
  ) {}

  async hit(key: string, max: number, windowMs: number): Promise<WindowHit> {
    const [count, ttl] = (await this.redis.eval(
      HIT_SCRIPT,
      1,
      `${this.prefix}${key}`,
      String(windowMs),
    )) as [number, number];
    return toHit(count, max, ttl);
  }
}

function toHit(count: number, max: number, msLeft: number): WindowHit {
  return {
    allowed: count <= max,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
  };
}

export function createWindowCounter(redis: Redis | undefined): WindowCounter {
  return redis ? new RedisWindowCounter(redis) : new MemoryWindowCounter();
}
