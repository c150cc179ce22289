import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One live stream's hold on its user's allowance; releasing twice is harmless. */
export interface StreamSlot {
  release(): void;
}

/**
 * How many live streams each user may hold at once (a streamed send, a re-attach, a send waiting
 * for its reply). In-process, or in Redis so that every instance counts against the same limit.
 */
export interface StreamSlots {
  readonly perUser: number;
  /** A slot, or undefined when the user already holds `perUser`. */
  tryAcquire(userId: string): Promise<StreamSlot | undefined>;
  /** Stops any background work (Redis: refreshing the held slots). */
  close(): void;
}

export class MemoryStreamSlots implements StreamSlots {
  private readonly held = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /** Users holding a slot; tests read it. */
  get users(): number {
    return this.held.size;
  }

  async tryAcquire(userId: string): Promise<StreamSlot | undefined> {
    const count = this.held.get(userId) ?? 0;
    if (count >= this.perUser) return undefined;
    this.held.set(userId, count + 1);
    return once(() => {
      const left = (this.held.get(userId) ?? 1) - 1;
      if (left > 0) this.held.set(userId, left);
      else this.held.delete(userId);
    });
  }

  close(): void {}
}

// A sorted set per user: members are slot ids, scored by when they lapse (Redis's clock, so that
// instances agree). Lapsed members are dropped before counting: a crashed instance's slots expire.
const ACQUIRE_SCRIPT = `
local time = redis.call('TIME')
local now = time[1] * 1000 + math.floor(time[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

// XX: a slot released meanwhile (or lapsed) is not brought back.
const REFRESH_SCRIPT = `
local time = redis.call('TIME')
local now = time[1] * 1000 + math.floor(time[2] / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0
`;

export interface RedisStreamSlotsOptions {
  /** How long a slot outlives its holder's last refresh (a crashed instance's slots lapse then). */
  leaseMs?: number;
  prefix?: string;
}

export class RedisStreamSlots implements StreamSlots {
  private readonly leaseMs: number;
  private readonly prefix: string;
  /** Slot id → its key, for the refresh. */
  private readonly held = new Map<string, string>();
  private readonly refresher: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    readonly perUser: number,
    options: RedisStreamSlotsOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.prefix = options.prefix ?? 'repruv:streams:';
    this.refresher = setInterval(() => void this.refresh(), this.leaseMs / 3);
    this.refresher.unref();
  }

  async tryAcquire(userId: string): Promise<StreamSlot | undefined> {
    const key = `${this.prefix}${userId}`;
    const id = randomUUID();
    const taken = await this.redis.eval(
      ACQUIRE_SCRIPT,
      1,
      key,
      String(this.perUser),
      String(this.leaseMs),
      id,
    );
    if (taken !== 1) return undefined;
    this.held.set(id, key);
    return once(() => {
      this.held.delete(id);
      this.redis.zrem(key, id).catch(() => undefined); // unreachable: it lapses with its lease
    });
  }

  close(): void {
    clearInterval(this.refresher);
  }

  private async refresh(): Promise<void> {
    if (this.held.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [id, key] of this.held) {
      pipeline.eval(REFRESH_SCRIPT, 1, key, String(this.leaseMs), id);
    }
    await pipeline.exec().catch(() => undefined); // the next round tries again
  }
}

function once(release: () => void): StreamSlot {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      release();
    },
  };
}

export function createStreamSlots(redis: Redis | undefined, perUser: number): StreamSlots {
  return redis ? new RedisStreamSlots(redis, perUser) : new MemoryStreamSlots(perUser);
}
