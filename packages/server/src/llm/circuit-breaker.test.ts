import { describe, expect, test } from 'vitest';
import { UpstreamUnavailableError } from '../errors.js';
import { CircuitBreaker } from './circuit-breaker.js';

function breakerAt(threshold = 3, cooldownMs = 10_000) {
  const clock = { now: 0 };
  const breaker = new CircuitBreaker({ threshold, cooldownMs, now: () => clock.now });
  return { breaker, clock };
}

describe('CircuitBreaker', () => {
  test('opens after `threshold` consecutive failures; a success in between resets the count', () => {
    const { breaker } = breakerAt(3);
    breaker.acquire().failed();
    breaker.acquire().failed();
    breaker.acquire().succeeded();
    breaker.acquire().failed();
    breaker.acquire().failed();
    expect(breaker.state).toBe('closed');
    breaker.acquire().failed();
    expect(breaker.state).toBe('open');
  });

  test('while open it refuses with the seconds left until a trial', () => {
    const { breaker, clock } = breakerAt(1, 10_000);
    breaker.acquire().failed();
    clock.now = 2_500;
    try {
      breaker.acquire();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect((error as UpstreamUnavailableError).retryAfterSeconds).toBe(8);
    }
  });

  test('after the cooldown exactly one trial runs; others fail fast until it decides', () => {
    const { breaker, clock } = breakerAt(1, 1_000);
    breaker.acquire().failed();
    clock.now = 1_000;
    expect(breaker.state).toBe('half-open');
    const trial = breaker.acquire();
    expect(() => breaker.acquire()).toThrow(UpstreamUnavailableError);
    trial.succeeded();
    expect(breaker.state).toBe('closed');
    breaker.acquire().succeeded();
  });

  test('a failed trial re-opens for another full cooldown; a released trial leaves it half-open', () => {
    const { breaker, clock } = breakerAt(1, 1_000);
    breaker.acquire().failed();
    clock.now = 1_000;
    breaker.acquire().released();
    expect(breaker.state).toBe('half-open');
    breaker.acquire().failed();
    expect(breaker.state).toBe('open');
    clock.now = 1_999;
    expect(() => breaker.acquire()).toThrow(UpstreamUnavailableError);
  });

  test('a permit counts once, however often it is settled', () => {
    const { breaker } = breakerAt(2);
    const permit = breaker.acquire();
    permit.failed();
    permit.failed();
    expect(breaker.state).toBe('closed');
  });

  test('reports every state change', () => {
    const { breaker, clock } = breakerAt(1, 100);
    const seen: string[] = [];
    breaker.onStateChange((state) => seen.push(state));
    breaker.acquire().failed();
    clock.now = 100;
    breaker.acquire().succeeded();
    expect(seen).toEqual(['open', 'half-open', 'closed']);
  });
});
