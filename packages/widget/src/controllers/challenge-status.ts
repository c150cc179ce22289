import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { solveChallenge } from '../challenge/solve-challenge.js';
import type { SolveChallenge } from './api-client.js';

/** How long a check stays invisible: most take about a second. */
export const QUIET_MS = 1500;

/**
 * Solves the server's proof-of-work challenges for the API client, and lets the panel say so
 * only when one takes longer than QUIET_MS (`slow`), calling `onSlow` once when it does.
 */
export class ChallengeStatus implements ReactiveController {
  slow = false;

  readonly #host: ReactiveControllerHost;
  readonly #onSlow: () => void;
  readonly #solve: SolveChallenge;
  #running = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    {
      onSlow = () => {},
      solve = solveChallenge,
    }: { onSlow?: () => void; solve?: SolveChallenge } = {},
  ) {
    this.#host = host;
    this.#onSlow = onSlow;
    this.#solve = solve;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  readonly solve: SolveChallenge = async (challenge, options) => {
    if (this.#running++ === 0) this.#timer = setTimeout(() => this.#setSlow(true), QUIET_MS);
    try {
      return await this.#solve(challenge, options);
    } finally {
      if (--this.#running === 0) {
        clearTimeout(this.#timer);
        this.#setSlow(false);
      }
    }
  };

  #setSlow(slow: boolean): void {
    if (this.slow === slow) return;
    this.slow = slow;
    if (slow) this.#onSlow();
    this.#host.requestUpdate();
  }
}
