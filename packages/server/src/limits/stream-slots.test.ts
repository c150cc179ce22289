import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStreamSlots, RedisStreamSlots, type StreamSlot } from './stream-slots.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemoryStreamSlots', () => {
  it('gives each user perUser slots, frees one on release, and forgets users holding none', async () => {
    const slots = new MemoryStreamSlots(2);
    const first = await slots.tryAcquire('alice');
    const second = await slots.tryAcquire('alice');
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(await slots.tryAcquire('alice')).toBeUndefined();
    expect(await slots.tryAcquire('bob')).toBeDefined();

    first!.release();
    first!.release(); // twice frees one slot, not two
    const third = await slots.tryAcquire('alice');
    expect(third).toBeDefined();
    expect(await slots.tryAcquire('alice')).toBeUndefined();

    second!.release();
    third!.release();
    expect(slots.users).toBe(1); // bob's
  });
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisStreamSlots', () => {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const other = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `repruv:test:streams:${Date.now()}:${Math.random()}:`;
  beforeAll(async () => {
    await Promise.all([redis.connect(), other.connect()]);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([redis.quit(), other.quit()]);
  });

  it('counts one user across instances; a release on one frees a slot for the other', async () => {
    const a = new RedisStreamSlots(redis, 3, { prefix });
    const b = new RedisStreamSlots(other, 3, { prefix });
    try {
      const held: Array<StreamSlot | undefined> = [];
      for (let i = 0; i < 5; i++) held.push(await (i % 2 === 0 ? a : b).tryAcquire('carol'));
      expect(held.map(Boolean)).toEqual([true, true, true, false, false]);
      expect(await b.tryAcquire('dave')).toBeDefined();

      held[0]!.release();
      held[0]!.release();
      await waitUntil(async () => (await redis.zcard(`${prefix}carol`)) === 2);
      expect(await b.tryAcquire('carol')).toBeDefined();
      expect(await a.tryAcquire('carol')).toBeUndefined();
    } finally {
      a.close();
      b.close();
    }
  });

  it("lets a crashed holder's slots lapse, while a live holder's refreshes keep them", async () => {
    const leaseMs = 1_000;
    const live = new RedisStreamSlots(redis, 2, { prefix, leaseMs });
    const crashed = new RedisStreamSlots(other, 2, { prefix, leaseMs });
    try {
      expect(await live.tryAcquire('erin')).toBeDefined();
      expect(await crashed.tryAcquire('erin')).toBeDefined();
      crashed.close(); // stops refreshing, as a process that died would
      expect(await live.tryAcquire('erin')).toBeUndefined();

      await sleep(leaseMs * 2.5); // several of the live holder's refreshes, and the crashed slot's lapse
      const again = await live.tryAcquire('erin');
      expect(again).toBeDefined(); // the crashed slot is gone…
      expect(await live.tryAcquire('erin')).toBeUndefined(); // …the live one is still held
    } finally {
      live.close();
    }
  });

  it('leaves no key behind once every slot is released', async () => {
    const slots = new RedisStreamSlots(redis, 4, { prefix });
    try {
      const held = await Promise.all([1, 2, 3].map(() => slots.tryAcquire('frank')));
      for (const slot of held) slot!.release();
      await waitUntil(async () => (await redis.exists(`${prefix}frank`)) === 0);
    } finally {
      slots.close();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
