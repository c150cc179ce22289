import { expect, test } from 'vitest';
import { MemorySpendTotals, type Total } from './spend-totals.js';
import type { UtcDay } from './utc-day.js';

const NOON = Date.parse('2026-12-01T12:00:00Z');

function seededWith(value: number, key = 'user:a') {
  const seeds: string[] = [];
  const total: Total = {
    key,
    seed: async (day: UtcDay) => {
      seeds.push(day.name);
      return value;
    },
  };
  return { total, seeds };
}

test('a total is seeded once a day, however many read it at once, then grows as calls are added', async () => {
  let now = NOON;
  const totals = new MemorySpendTotals(() => now);
  const { total, seeds } = seededWith(100);
  expect(totals.peek('user:a')).toBeUndefined();
  await totals.add('user:a', 5); // not seeded yet: left to the seed, which has it
  expect(await Promise.all([totals.read([total]), totals.read([total])])).toEqual([[100], [100]]);
  await totals.add('user:a', 20);
  expect(await totals.read([total])).toEqual([120]);
  expect(totals.peek('user:a')).toBe(120);
  expect(seeds).toEqual(['2026-12-01']);

  now += 12 * 3600_000; // midnight, UTC
  expect(totals.peek('user:a')).toBeUndefined();
  expect(await totals.read([total])).toEqual([100]);
  expect(seeds).toEqual(['2026-12-01', '2026-12-02']);
});
