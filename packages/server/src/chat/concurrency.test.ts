import { expect, test } from 'vitest';
import { KeyedLock, settledInOrder } from './concurrency.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('KeyedLock runs tasks of one key one at a time, in order; other keys run alongside', async () => {
  const lock = new KeyedLock();
  const log: string[] = [];
  const task = (name: string) => async () => {
    log.push(`start ${name}`);
    await tick();
    log.push(`end ${name}`);
    return name;
  };
  const results = await Promise.all([
    lock.run('a', task('a1')),
    lock.run('a', task('a2')),
    lock.run('b', task('b1')),
  ]);
  expect(results).toEqual(['a1', 'a2', 'b1']);
  expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
  expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
});

test('KeyedLock releases after a failing task', async () => {
  const lock = new KeyedLock();
  await expect(lock.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
});

test('settledInOrder reports the first failure by position, not by time', async () => {
  const slowFailure = new Promise((_, reject) => setTimeout(() => reject(new Error('first')), 20));
  const fastFailure = Promise.reject(new Error('second'));
  await expect(settledInOrder(slowFailure, fastFailure)).rejects.toThrow('first');
  await expect(settledInOrder(Promise.resolve(1), Promise.resolve('x'))).resolves.toEqual([1, 'x']);
});
