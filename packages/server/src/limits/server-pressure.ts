import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface PressureLimits {
  /**
   * The share of the last sample (0–1) the event loop was busy at or above which this process is
   * under pressure; 1 or more: never.
   */
  eventLoop: number;
  /** This many queries waiting for a database connection, or more, is pressure too; 0: never. */
  dbWaiting: number;
}

const SAMPLE_MS = 100;
/**
 * How long a busy sample keeps the pressure on: refused guests leave the loop idle at once, and
 * letting them back at the next sample would let a flood in and out ten times a second.
 */
export const PRESSURE_HOLD_MS = 1_000;

/**
 * Whether this process is too busy to take on work that can wait, read by every request for
 * free: the event loop's utilization is sampled in the background, the pool's queue read as asked.
 * Anonymous guests are refused while it says so (http/middleware/shed-guests.ts), so that a flood
 * of them cannot queue a signed-in user's queries behind theirs.
 */
export class ServerPressure {
  private busyUntil = 0;
  private previous: EventLoopUtilization = performance.eventLoopUtilization();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: PressureLimits,
    private readonly dbWaiting: () => number,
  ) {
    if (limits.eventLoop < 1) {
      this.timer = setInterval(() => this.sample(), SAMPLE_MS);
      this.timer.unref();
    }
  }

  get underPressure(): boolean {
    if (performance.now() < this.busyUntil) return true;
    return this.limits.dbWaiting > 0 && this.dbWaiting() >= this.limits.dbWaiting;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const now = performance.eventLoopUtilization();
    if (performance.eventLoopUtilization(now, this.previous).utilization >= this.limits.eventLoop) {
      this.busyUntil = performance.now() + PRESSURE_HOLD_MS;
    }
    this.previous = now;
  }
}
