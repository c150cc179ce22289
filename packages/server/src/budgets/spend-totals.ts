import type { Redis } from 'ioredis';
import { utcDayOf, type UtcDay } from './utc-day.js';

/** A running total, and where it starts each day: the ledger's sum for that day. */
export interface Total {
  key: string;
  seed: (day: UtcDay) => Promise<number>;
}

/**
 * Today's running totals of spend (a user's tokens, a site's micro-dollars), so that a send's budget
 * check costs a map lookup (or one Redis round trip), not a SUM over the ledger. Each total is seeded
 * once a day from the ledger, then grows as calls are accounted. A call accounted while its key is
 * still unseeded is left to the seed (the ledger has its row): at worst, one call that raced the
 * seed's SUM goes uncounted, never one counted twice.
 */
export interface SpendTotals {
  /** Today's values of `totals`, in order, seeding those not known yet. */
  read(totals: readonly Total[]): Promise<number[]>;
  /**
   * The last total of `key` this process knew today, without waiting; undefined if none. A lower
   * bound: within a day totals only grow.
   */
  peek(key: string): number | undefined;
  /** Adds to today's total of `key`, once seeded. */
  add(key: string, amount: number): Promise<void>;
}

/** One process's totals: without Redis, other instances' calls count from the next day's seed. */
export class MemorySpendTotals implements SpendTotals {
  private day: UtcDay;
  private totals = new Map<string, number>();
  private seeding = new Map<string, Promise<number>>();

  constructor(private readonly now: () => number = Date.now) {
    this.day = utcDayOf(now());
  }

  async read(totals: readonly Total[]): Promise<number[]> {
    const day = this.today();
    return Promise.all(totals.map((total) => this.totals.get(total.key) ?? this.seed(total, day)));
  }

  peek(key: string): number | undefined {
    this.today();
    return this.totals.get(key);
  }

  async add(key: string, amount: number): Promise<void> {
    this.today();
    const total = this.totals.get(key);
    if (total !== undefined) this.totals.set(key, total + amount);
  }

  private seed({ key, seed }: Total, day: UtcDay): Promise<number> {
    let seeded = this.seeding.get(key);
    if (!seeded) {
      const seeding = this.seeding;
      seeded = seed(day)
        .then((total) => {
          if (this.day === day && !this.totals.has(key)) this.totals.set(key, total);
          return this.totals.get(key) ?? total;
        })
        .finally(() => seeding.delete(key));
      seeding.set(key, seeded);
    }
    return seeded;
  }

  /** The day now; a new day starts every total again. */
  private today(): UtcDay {
    const now = this.now();
    if (now >= this.day.end.getTime()) {
      this.day = utcDayOf(now);
      this.totals = new Map();
      this.seeding = new Map();
    }
    return this.day;
  }
}

/** A day's keys outlive it a little, for a clock that is behind. */
const KEY_TTL_SECONDS = 2 * 24 * 60 * 60;
/** Totals this process remembers having read, for `peek`. */
const TOTALS_REMEMBERED = 10_000;

// Adds only to a total that is there: a missing one is seeded from the ledger, which has this call.
const ADD_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
`;

/** Totals every instance on one Redis shares: a per-day key each, seeded once with SET NX. */
export class RedisSpendTotals implements SpendTotals {
  private readonly seen = new Map<string, { total: number; day: string }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'repruv:spend:',
    private readonly now: () => number = Date.now,
  ) {}

  async read(totals: readonly Total[]): Promise<number[]> {
    if (totals.length === 0) return [];
    const day = utcDayOf(this.now());
    const redisKeys = totals.map((total) => this.redisKey(total.key, day));
    const stored = await this.redis.mget(...redisKeys);
    const values = await Promise.all(
      totals.map(async (total, i) => {
        const known = stored[i];
        if (known !== null && known !== undefined) return Number(known);
        const seeded = await total.seed(day);
        const set = await this.redis.set(redisKeys[i]!, seeded, 'EX', KEY_TTL_SECONDS, 'NX');
        // Another instance seeded it first: its value (and what has been added since) stands.
        return set === 'OK' ? seeded : Number((await this.redis.get(redisKeys[i]!)) ?? seeded);
      }),
    );
    totals.forEach((total, i) => this.remember(total.key, values[i]!, day));
    return values;
  }

  peek(key: string): number | undefined {
    const seen = this.seen.get(key);
    return seen?.day === utcDayOf(this.now()).name ? seen.total : undefined;
  }

  async add(key: string, amount: number): Promise<void> {
    const day = utcDayOf(this.now());
    const total = (await this.redis.eval(
      ADD_SCRIPT,
      1,
      this.redisKey(key, day),
      String(Math.round(amount)),
    )) as number | null;
    if (total !== null) this.remember(key, total, day);
  }

  private redisKey(key: string, day: UtcDay): string {
    return `${this.prefix}${day.name}:${key}`;
  }

  private remember(key: string, total: number, day: UtcDay): void {
    this.seen.delete(key); // re-inserted last: the oldest entries come first when trimming
    this.seen.set(key, { total, day: day.name });
    if (this.seen.size > TOTALS_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
  }
}

export function createSpendTotals(redis: Redis | undefined): SpendTotals {
  return redis ? new RedisSpendTotals(redis) : new MemorySpendTotals();
}
