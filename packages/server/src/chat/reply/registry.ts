import type { ReplyRun, StopReason } from './run.js';

/** A follower elsewhere marks the reply every second; this long without a mark, it has gone. */
const FOLLOWED_WINDOW_MS = 3000;

/**
 * The replies generating in this process. A reply nobody follows any more keeps going for a grace
 * period, in case its client re-attaches, and is then stopped with its text kept.
 */
export class ReplyRegistry {
  private readonly runs = new Map<string, ReplyRun>();
  private readonly runBySession = new Map<string, ReplyRun>();
  private readonly orphanTimers = new Map<string, NodeJS.Timeout>();

  /**
   * @param followedElsewhere whether a client followed the reply through another instance lately
   *   (it re-attached there): such a reply is not stopped.
   */
  constructor(
    private readonly orphanGraceMs: number,
    private readonly followedElsewhere?: (messageId: string, withinMs: number) => Promise<boolean>,
  ) {}

  get size(): number {
    return this.runs.size;
  }

  add(run: ReplyRun): void {
    this.runs.set(run.messageId, run);
    this.runBySession.set(run.sessionId, run);
  }

  /** Whether a reply of this session is generating in this process. */
  isGenerating(sessionId: string): boolean {
    return this.runBySession.has(sessionId);
  }

  get(messageId: string): ReplyRun | undefined {
    return this.runs.get(messageId);
  }

  remove(run: ReplyRun): void {
    this.clearOrphanTimer(run.messageId);
    if (this.runs.get(run.messageId) === run) this.runs.delete(run.messageId);
    if (this.runBySession.get(run.sessionId) === run) this.runBySession.delete(run.sessionId);
  }

  /** Called when the last subscriber of a run leaves. */
  orphaned(run: ReplyRun): void {
    this.clearOrphanTimer(run.messageId);
    const timer = setTimeout(() => {
      this.orphanTimers.delete(run.messageId);
      if (run.subscriberCount === 0) void this.stopUnlessFollowedElsewhere(run);
    }, this.orphanGraceMs);
    timer.unref();
    this.orphanTimers.set(run.messageId, timer);
  }

  private async stopUnlessFollowedElsewhere(run: ReplyRun): Promise<void> {
    const followed = this.followedElsewhere
      ? await this.followedElsewhere(
          run.messageId,
          Math.max(this.orphanGraceMs, FOLLOWED_WINDOW_MS),
        ).catch(() => false)
      : false;
    if (run.subscriberCount > 0 || this.runs.get(run.messageId) !== run) return;
    if (followed) this.orphaned(run);
    else void run.stop('client_disconnected');
  }

  /** Called when someone subscribes again. */
  adopted(messageId: string): void {
    this.clearOrphanTimer(messageId);
  }

  /** Stops every run (server shutdown) and waits until each has written its final state. */
  async stopAll(reason: StopReason): Promise<void> {
    await Promise.allSettled([...this.runs.values()].map((run) => run.stop(reason)));
  }

  /** Waits up to `timeoutMs` for running replies to finish on their own. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.runs.size > 0 && Date.now() < deadline) {
      await Promise.race([
        Promise.allSettled([...this.runs.values()].map((run) => run.done)),
        new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
      ]);
    }
  }

  private clearOrphanTimer(messageId: string): void {
    const timer = this.orphanTimers.get(messageId);
    if (timer) clearTimeout(timer);
    this.orphanTimers.delete(messageId);
  }
}
