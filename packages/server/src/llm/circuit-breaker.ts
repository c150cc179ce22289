import { UpstreamUnavailableError } from '../errors.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive upstream failures that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
  now?: () => number;
}

/** The outcome of one guarded call, reported exactly once. */
export interface BreakerPermit {
  succeeded(): void;
  failed(): void;
  /** Neither: e.g. the user aborted. A trial slot is handed back undecided. */
  released(): void;
}

/**
 * A consecutive-failure circuit breaker built for streamed calls: `acquire()` is a cheap check made
 * before any response header is sent, and while the single half-open trial runs (a whole streamed
 * reply), other callers fail fast instead of queueing behind it.
 */
export class CircuitBreaker {
  private currentState: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly listeners = new Set<(state: BreakerState) => void>();
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.currentState === 'open' && this.cooldownLeftMs() === 0) return 'half-open';
    return this.currentState;
  }

  onStateChange(listener: (state: BreakerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets a call through or throws `UpstreamUnavailableError` with the seconds until a trial. */
  acquire(): BreakerPermit {
    if (this.currentState === 'open') {
      if (this.cooldownLeftMs() > 0) throw this.unavailable();
      this.transition('half-open');
    }
    if (this.currentState === 'half-open') {
      if (this.trialInFlight) throw this.unavailable();
      this.trialInFlight = true;
      return this.permit(true);
    }
    return this.permit(false);
  }

  private permit(isTrial: boolean): BreakerPermit {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      if (isTrial) this.trialInFlight = false;
      outcome();
    };
    return {
      succeeded: () => settle(() => this.recordSuccess()),
      failed: () => settle(() => this.recordFailure(isTrial)),
      released: () => settle(() => undefined),
    };
  }

  private recordSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.currentState !== 'closed') this.transition('closed');
  }

  private recordFailure(isTrial: boolean): void {
    this.consecutiveFailures += 1;
    const shouldOpen =
      isTrial ||
      (this.currentState === 'closed' && this.consecutiveFailures >= this.options.threshold);
    if (shouldOpen) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private cooldownLeftMs(): number {
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.now());
  }

  private unavailable(): UpstreamUnavailableError {
    const waitMs = this.currentState === 'open' ? this.cooldownLeftMs() : 1000;
    return new UpstreamUnavailableError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  private transition(next: BreakerState): void {
    this.currentState = next;
    for (const listener of this.listeners) listener(next);
  }
}
