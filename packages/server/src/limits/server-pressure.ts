import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface PressureLimits {
  /**
   * The share of the last 0.2 s (0–1) the event loop was busy at or above which this process
   * is under pressure; 1 or more: never.
   */
  eventLoop: number;
  /** This many queries waiting for a database connection, or more, is pressure too; 0: never. */
  dbWaiting: number;
}

const SAMPLE_MS = 100;
/** Utilization is judged over this many samples: a flood lasts, a page's bundle served once does not. */
const WINDOW_SAMPLES = 2;
/**
 * How long a busy sample keeps the pressure on: refused guests leave the loop idle at once, and
 * letting them back at the next sample would let a flood in and out ten times a second. A flood
 * back within two holds of being let in doubles the hold, up to MAX_HOLD_MS; a calm spell of that
 * long brings it back to the first.
 */
export const PRESSURE_HOLD_MS = 1_000;
const BACK_WITHIN_MS = 2 * PRESSURE_HOLD_MS;
const MAX_HOLD_MS = 8_000;
/**
 * Whether this process is too busy to take on work that can wait, read by every request for
 * free: the event loop's utilization is sampled in the background, the pool's queue read as asked.
 * Anonymous guests are refused while it says so (http/middleware/shed-guests.ts), so that a flood
 * of them cannot queue a signed-in user's queries behind theirs.
 */
export class ServerPressure {
  private busyUntil = -Infinity;
  private holdMs = PRESSURE_HOLD_MS;
  /** The last WINDOW_SAMPLES readings, oldest first. */
  private readings: EventLoopUtilization[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: PressureLimits,
    private readonly dbWaiting: () => number,
  ) {}

  /**
   * Samples from now on: called once the server listens, so that start-up's own work (migrations,
   * recovery) is not taken for a flood.
   */
  start(): void {
    if (this.timer || this.limits.eventLoop >= 1) return;
    this.readings = [performance.eventLoopUtilization()];
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  get underPressure(): boolean {
    if (performance.now() < this.busyUntil) return true;
    return this.limits.dbWaiting > 0 && this.dbWaiting() >= this.limits.dbWaiting;
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    const now = performance.eventLoopUtilization();
    const oldest = this.readings[0]!;
    this.readings.push(now);
    if (this.readings.length > WINDOW_SAMPLES) this.readings.shift();
    if (performance.eventLoopUtilization(now, oldest).utilization < this.limits.eventLoop) return;
    const at = performance.now();
    if (at >= this.busyUntil) {
      const calmFor = at - this.busyUntil;
      this.holdMs =
        calmFor < BACK_WITHIN_MS
          ? Math.min(this.holdMs * 2, MAX_HOLD_MS)
          : calmFor >= MAX_HOLD_MS
            ? PRESSURE_HOLD_MS
            : this.holdMs;
    }
    this.busyUntil = at + this.holdMs;
  }
}
