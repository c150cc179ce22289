import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Challenge } from '@repruv/client-sdk/challenge';
import { ChallengeStatus, QUIET_MS } from './challenge-status.js';

const challenge: Challenge = {
  algorithm: 'SHA-256',
  challenge: 'ab',
  maxnumber: 10,
  salt: 's',
  signature: 'x',
};

function host() {
  const updates: number[] = [];
  const controllers: ReactiveController[] = [];
  const h: ReactiveControllerHost = {
    addController: (c) => controllers.push(c),
    removeController: () => {},
    requestUpdate: () => updates.push(Date.now()),
    updateComplete: Promise.resolve(true),
  };
  return { h, updates };
}

/** A solver that answers when the test says so. */
function deferredSolver() {
  let answer: (solution: string) => void = () => {};
  const solve = vi.fn(() => new Promise<string>((resolve) => (answer = resolve)));
  return { solve, answer: (s: string) => answer(s) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChallengeStatus', () => {
  it('shows nothing for a check that ends within the quiet time', async () => {
    const { h, updates } = host();
    const solver = deferredSolver();
    const onSlow = vi.fn();
    const status = new ChallengeStatus(h, { onSlow, solve: solver.solve });
    const solving = status.solve(challenge);
    await vi.advanceTimersByTimeAsync(QUIET_MS - 100);
    solver.answer('solution');
    expect(await solving).toBe('solution');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(status.slow).toBe(false);
    expect(onSlow).not.toHaveBeenCalled();
    expect(updates).toEqual([]);
  });

  it('says so once a check takes longer, and stops saying it when it ends', async () => {
    const { h, updates } = host();
    const solver = deferredSolver();
    const onSlow = vi.fn();
    const status = new ChallengeStatus(h, { onSlow, solve: solver.solve });
    const solving = status.solve(challenge);
    await vi.advanceTimersByTimeAsync(QUIET_MS + 1);
    expect(status.slow).toBe(true);
    expect(onSlow).toHaveBeenCalledTimes(1);
    solver.answer('late');
    expect(await solving).toBe('late');
    expect(status.slow).toBe(false);
    expect(updates).toHaveLength(2);
  });

  it('passes the abort signal on, and clears the status when the check fails', async () => {
    const { h } = host();
    const solve = vi.fn(
      (_: Challenge, { signal }: { signal?: AbortSignal } = {}) =>
        new Promise<string>((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        ),
    );
    const status = new ChallengeStatus(h, { solve });
    const controller = new AbortController();
    const solving = status.solve(challenge, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(QUIET_MS + 1);
    expect(status.slow).toBe(true);
    controller.abort(new Error('gone'));
    await expect(solving).rejects.toThrow('gone');
    expect(status.slow).toBe(false);
  });
});
