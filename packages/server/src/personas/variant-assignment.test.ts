import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { assignVariant } from './variant-assignment.js';

const variants = [
  { id: 'a', weight: 70 },
  { id: 'b', weight: 20 },
  { id: 'c', weight: 10 },
];

test('a user keeps one variant of an experiment; another experiment deals again', () => {
  const user = randomUUID();
  const first = assignVariant('exp-1', user, variants);
  for (let i = 0; i < 10; i++) expect(assignVariant('exp-1', user, variants)).toBe(first);
  const elsewhere = new Set(
    Array.from({ length: 40 }, (_, i) => assignVariant(`exp-${i}`, user, variants).id),
  );
  expect(elsewhere.size).toBeGreaterThan(1);
});

test('users are spread by the weights', () => {
  const counts = { a: 0, b: 0, c: 0 };
  const users = 20_000;
  for (let i = 0; i < users; i++) {
    counts[assignVariant('exp', randomUUID(), variants).id as 'a' | 'b' | 'c'] += 1;
  }
  // Binomial spread at 20,000 draws is under 0.5 percentage points; 2 is far outside it.
  expect(Math.abs(counts.a / users - 0.7)).toBeLessThan(0.02);
  expect(Math.abs(counts.b / users - 0.2)).toBeLessThan(0.02);
  expect(Math.abs(counts.c / users - 0.1)).toBeLessThan(0.02);
});
