import { describe, expect, it } from 'vitest';
import { AbortError } from './errors.js';
import { retryDelay, sleep } from './retry.js';

describe('retryDelay', () => {
  it('grows exponentially with jitter, capped at 8 s', () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const base = Math.min(500 * 2 ** attempt, 8000);
      const delay = retryDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(base * 0.75);
      expect(delay).toBeLessThanOrEqual(base);
    }
  });

  it('follows Retry-After up to a minute, and ignores anything longer or negative', () => {
    expect(retryDelay(3, 0)).toBe(0);
    expect(retryDelay(0, 2)).toBe(2000);
    expect(retryDelay(0, 5)).toBe(5000);
    expect(retryDelay(0, -1)).toBeLessThanOrEqual(500);
  });
});

describe('sleep', () => {
  it('rejects with AbortError as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(slept).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(sleep(10, controller.signal)).rejects.toBeInstanceOf(AbortError);
  });
});
