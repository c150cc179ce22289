import { expect, test } from 'vitest';
import { percentilesOf } from './log-buckets.js';

const bucketOf = (value: number) => Math.floor(Math.log(Math.max(value, 1)) / Math.log(1.05));

function countsOf(values: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(bucketOf(value), (counts.get(bucketOf(value)) ?? 0) + 1);
  return counts;
}

test('percentiles read from bucket counts are within 2.5 % of the exact ones', () => {
  const values = Array.from({ length: 1000 }, (_, i) => 200 + ((i * 7919) % 9800));
  const sorted = [...values].sort((a, b) => a - b);
  const exact = (fraction: number) => sorted[Math.ceil(fraction * sorted.length) - 1]!;
  const { p50, p95 } = percentilesOf(countsOf(values));
  expect(Math.abs(p50! / exact(0.5) - 1)).toBeLessThan(0.025);
  expect(Math.abs(p95! / exact(0.95) - 1)).toBeLessThan(0.025);
});

test('nothing counted has no percentiles; one value is both', () => {
  expect(percentilesOf(new Map())).toEqual({ p50: null, p95: null });
  const { p50, p95 } = percentilesOf(countsOf([640]));
  expect(p50).toBe(p95);
  expect(Math.abs(p50! / 640 - 1)).toBeLessThan(0.025);
});
