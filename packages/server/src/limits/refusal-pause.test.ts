import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.js';
import {
  MAX_HELD_REFUSALS,
  REFUSAL_PAUSE_MS,
  pauseBeforeRefusal,
  refusalPauseMs,
  withPausedRateLimits,
} from './refusal-pause.js';

describe('the pause before a refusal', () => {
  it('holds a rate-limit refusal, and lets any other outcome through at once', async () => {
    let settled = false;
    const refused = withPausedRateLimits(Promise.reject(new RateLimitedError(5, 'slow down')));
    refused.catch(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, REFUSAL_PAUSE_MS.shortest / 2));
    expect(settled).toBe(false);
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);

    let other = false;
    const failed = withPausedRateLimits(Promise.reject(new Error('not a refusal')));
    failed.catch(() => (other = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(other).toBe(true);
    await expect(withPausedRateLimits(Promise.resolve(7))).resolves.toBe(7);
  });

  it('draws each pause from its range, so that refusals made together are not answered together', () => {
    expect(refusalPauseMs(() => 0)).toBe(REFUSAL_PAUSE_MS.shortest);
    expect(refusalPauseMs(() => 0.999999)).toBeCloseTo(REFUSAL_PAUSE_MS.longest, 3);
    const pauses = new Set(Array.from({ length: 20 }, () => Math.round(refusalPauseMs())));
    expect(pauses.size).toBeGreaterThan(10);
  });

  it('holds no more than MAX_HELD_REFUSALS at once: the rest are answered at once', async () => {
    const held = Array.from({ length: MAX_HELD_REFUSALS }, () => pauseBeforeRefusal());
    let extra = false;
    void pauseBeforeRefusal().then(() => (extra = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(extra).toBe(true);
    await Promise.all(held);
  });
});
