import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { describe, expect, test } from 'vitest';
import type { AppState } from '../state.js';
import { rateLimitMessages } from './rate-limit.js';
import { ExpiringWindowStore } from './rate-limit-store.js';

describe('ExpiringWindowStore', () => {
  test('drops the entries whose window has ended, once a window has passed', () => {
    let now = 1_000_000;
    const store = new ExpiringWindowStore(60_000, () => now);
    for (let i = 0; i < 1000; i++) store.set(`user-${i}`, { reset: (now + 60_000) / 1000 });
    expect(store.size).toBe(1000);

    now += 61_000;
    store.set('late-user', { reset: (now + 60_000) / 1000 });
    expect([...store.keys()]).toEqual(['late-user']);
  });

  test('keeps the entries whose window is still open', () => {
    let now = 1_000_000;
    const store = new ExpiringWindowStore(60_000, () => now);
    store.set('early', { reset: (now + 60_000) / 1000 });
    now += 30_000;
    store.set('middle', { reset: (now + 60_000) / 1000 });
    now += 31_000; // early's window is over, middle's is not
    store.set('late', { reset: (now + 60_000) / 1000 });
    expect([...store.keys()].sort()).toEqual(['late', 'middle']);
  });
});

test('the message rate limit forgets the users of a past window (koa-ratelimit, 1 s window)', async () => {
  const store = new ExpiringWindowStore(1000);
  const app = new Koa<AppState>();
  app.use(async (ctx, next) => {
    ctx.state.userId = ctx.get('X-User');
    await next();
  });
  app.use(
    rateLimitMessages({ maxPerMinute: 5, redis: undefined, windowMs: 1000, memoryStore: store }),
  );
  app.use((ctx) => {
    ctx.body = 'sent';
  });
  const server = createServer(app.callback()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const send = async (user: string) => {
    const response = await fetch(url, { headers: { 'X-User': user } });
    await response.arrayBuffer();
    return response.status;
  };
  try {
    for (let i = 0; i < 50; i++) expect(await send(`user-${i}`)).toBe(200);
    expect(store.size).toBe(50);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await send('someone-new')).toBe(200);
    expect(store.size).toBe(1);
  } finally {
    server.close();
  }
});
