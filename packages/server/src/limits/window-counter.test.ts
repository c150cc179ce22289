import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryWindowCounter, RedisWindowCounter, type WindowCounter } from './window-counter.js';

describe('MemoryWindowCounter', () => {
  it('allows max hits a window, says when the window ends, and starts over after it', async () => {
    let now = 1_000_000;
    const counter = new MemoryWindowCounter(() => now);
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await counter.hit('a', 3, 60_000));
    expect(hits.map((hit) => hit.allowed)).toEqual([true, true, true, false]);
    now += 20_500;
    const refused = await counter.hit('a', 3, 60_000);
    expect(refused).toMatchObject({ allowed: false, count: 5, retryAfterSeconds: 40 });
    expect((await counter.hit('b', 3, 60_000)).allowed).toBe(true);
    now += 40_000;
    expect(await counter.hit('a', 3, 60_000)).toMatchObject({ allowed: true, count: 1 });
  });

  it('forgets the keys of ended windows', async () => {
    let now = 0;
    const counter = new MemoryWindowCounter(() => now);
    for (let i = 0; i < 100; i++) await counter.hit(`key-${i}`, 1, 1_000);
    now += 5_000;
    await counter.hit('fresh', 1, 1_000);
    expect(counter.size).toBe(1);
  });
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisWindowCounter', () => {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it('counts one window across clients, as instances sharing Redis do', async () => {
    await redis.connect();
    const other = new Redis(redisUrl);
    try {
      const prefix = `repruv:test:${Date.now()}:${Math.random()}:`;
      const counters: WindowCounter[] = [
        new RedisWindowCounter(redis, prefix),
        new RedisWindowCounter(other, prefix),
      ];
      const hits = [];
      for (let i = 0; i < 6; i++) hits.push(await counters[i % 2]!.hit('k', 4, 60_000));
      expect(hits.map((hit) => hit.allowed)).toEqual([true, true, true, true, false, false]);
      expect(hits[5]!.retryAfterSeconds).toBeGreaterThan(55);
      expect(hits[5]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await other.quit();
    }
  });
});
