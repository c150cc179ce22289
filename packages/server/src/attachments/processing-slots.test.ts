import { expect, test } from 'vitest';
import { ProcessingSlots } from './processing-slots.js';

test('runs at most `size` at once, in order of arrival, and keeps going after a failure', async () => {
  const slots = new ProcessingSlots(2);
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const work = (i: number) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    order.push(i);
    if (i === 1) throw new Error('one fails');
    return i;
  };
  const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => slots.run(work(i))));
  expect(most).toBe(2);
  expect(results.map((r) => r.status)).toEqual([
    'fulfilled',
    'rejected',
    'fulfilled',
    'fulfilled',
    'fulfilled',
  ]);
  expect(order.slice(0, 2).sort()).toEqual([0, 1]);
  expect(await slots.run(async () => 'after')).toBe('after');
});
