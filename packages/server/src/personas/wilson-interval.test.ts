import { expect, test } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

test('matches the published Wilson 95 % intervals', () => {
  // Reference values: Newcombe (1998), and any statistics package's binom.confint(method="wilson").
  const eightOfTen = wilsonInterval(8, 10)!;
  expect(eightOfTen.low).toBeCloseTo(0.4902, 4);
  expect(eightOfTen.high).toBeCloseTo(0.9433, 4);
  const none = wilsonInterval(0, 20)!;
  expect(none.low).toBe(0);
  expect(none.high).toBeCloseTo(0.1611, 4);
  const all = wilsonInterval(5, 5)!;
  expect(all.high).toBe(1);
  expect(all.low).toBeCloseTo(0.5655, 4);
});

test('no votes, no interval', () => {
  expect(wilsonInterval(0, 0)).toBeNull();
});
