/** An entry of koa-ratelimit's memory driver: `reset` is when its window ends, in epoch seconds. */
interface WindowEntry {
  reset: number;
}

/**
 * The in-process store for koa-ratelimit's memory driver, which on its own keeps an entry for every
 * user it ever saw. A write first drops the entries whose window has ended, at most once a window:
 * the map holds the users of the last window or two, and the sweep costs O(1) a request amortised.
 */
export class ExpiringWindowStore extends Map<string, WindowEntry> {
  private nextSweepAt = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override set(key: string, entry: WindowEntry): this {
    const now = this.now();
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + this.windowMs;
      for (const [otherKey, other] of this) {
        if (other.reset * 1000 <= now) this.delete(otherKey);
      }
    }
    return super.set(key, entry);
  }
}
