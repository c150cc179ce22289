import { expect, test } from 'vitest';
import { RateLimitedError } from '../errors.js';
import { MemoryWindowCounter } from '../limits/window-counter.js';
import { GuestMintLimits } from './mint-limits.js';

function limitsAt(start: number) {
  let now = start;
  const clock = () => now;
  const limits = new GuestMintLimits(
    new MemoryWindowCounter(clock),
    { perAddress: 2, perSite: 100 },
    clock,
  );
  return { limits, advance: (ms: number) => (now += ms) };
}

test('an address is known to be spent only once the limits refused it, and until its window ends', async () => {
  const { limits, advance } = limitsAt(1_000_000);
  await limits.admit('203.0.113.9', 'site-1', false);
  await limits.admit('203.0.113.9', 'site-1', false);
  expect(limits.spentAddressRefusal('203.0.113.9')).toBeUndefined(); // at the limit, not over it
  await expect(limits.admit('203.0.113.9', 'site-1', false)).rejects.toThrow(RateLimitedError);

  advance(20_000);
  const refusal = limits.spentAddressRefusal('203.0.113.9');
  expect(refusal?.retryAfterSeconds).toBe(40);
  expect(refusal?.message).toMatch(/from this address \(at most 2 a minute\); retry in 40 s/);
  expect(limits.spentAddressRefusal('203.0.113.10')).toBeUndefined();

  advance(40_000);
  expect(limits.spentAddressRefusal('203.0.113.9')).toBeUndefined();
  await expect(limits.admit('203.0.113.9', 'site-1', false)).resolves.toBeUndefined();
});

test('IPv6 addresses are spent by their /64, as they are counted', async () => {
  const { limits } = limitsAt(0);
  for (let i = 0; i < 3; i++)
    await limits.admit(`2001:db8:1:2::${i}`, 'site-1', true).catch(() => undefined);
  expect(limits.spentAddressRefusal('2001:db8:1:2:ffff::1')).toBeInstanceOf(RateLimitedError);
  expect(limits.spentAddressRefusal('2001:db8:1:3::1')).toBeUndefined();
});
