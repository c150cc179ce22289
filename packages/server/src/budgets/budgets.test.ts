import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openUnitDatabase } from '../../test/support/chat-units.js';
import type { Database } from '../db/connect.js';
import { BudgetExceededError } from '../errors.js';
import { Budgets } from './budgets.js';
import { SiteBudgets } from './site-budgets.js';
import { MemorySpendTotals, RedisSpendTotals, type SpendTotals } from './spend-totals.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

const NOON = Date.parse('2026-12-01T12:00:00Z');

async function aUser(): Promise<string> {
  const id = randomUUID();
  await db('users').insert({ id, external_id: id });
  return id;
}

async function aSite(fields: { daily_budget_usd?: number; fallback_model?: string } = {}) {
  const id = randomUUID();
  await db('sites').insert({
    id,
    name: 'Budgeted',
    site_key: `pk_${id}`,
    allowed_origins: [],
    ...fields,
  });
  return id;
}

/** A ledger row, as a call leaves it (session and message long gone). */
async function spent(fields: {
  user: string;
  site?: string;
  tokens?: number;
  usd?: number;
  at?: number;
}): Promise<void> {
  await db('api_usage_log').insert({
    id: randomUUID(),
    user_id: fields.user,
    site_id: fields.site ?? null,
    model: 'claude-sonnet-5-5',
    input_tokens: fields.tokens ?? 0,
    output_tokens: 0,
    outcome: 'complete',
    estimated_cost_usd: fields.usd ?? 0,
    created_at: new Date(fields.at ?? NOON),
  });
}

function budgets(options: { totals?: SpendTotals; now?: number; userTokensPerDay?: number } = {}) {
  const now = () => options.now ?? NOON;
  return new Budgets({
    db,
    totals: options.totals ?? new MemorySpendTotals(now),
    sites: new SiteBudgets(db),
    userTokensPerDay: options.userTokensPerDay ?? 1000,
    now,
  });
}

async function refusal(promise: Promise<unknown>): Promise<BudgetExceededError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BudgetExceededError);
  return error as BudgetExceededError;
}

describe('a user’s tokens a UTC day', () => {
  test('seeded from the ledger (rows of deleted sessions included), yesterday’s left out', async () => {
    const user = await aUser();
    await spent({ user, tokens: 600 });
    await spent({ user, tokens: 5000, at: NOON - 13 * 3600_000 }); // 23:00 the day before
    const b = budgets();
    expect(await b.clear(user, undefined)).toEqual({ siteId: undefined, fallbackModel: undefined });
    await spent({ user, tokens: 400 }); // as the ledger writes it…
    await b.recorded({ userId: user, siteId: null, tokens: 400, costUsd: 0 }); // …then counts it
    const error = await refusal(b.clear(user, undefined));
    expect(error.details).toEqual({ scope: 'user', resets_at: '2026-12-02T00:00:00.000Z' });
    expect(error.headers['Retry-After']).toBeDefined();
    // Another user, and the same user the next day, start from nothing.
    expect(await b.clear(await aUser(), undefined)).toMatchObject({ fallbackModel: undefined });
    const tomorrow = budgets({ now: NOON + 24 * 3600_000 });
    expect(await tomorrow.clear(user, undefined)).toMatchObject({ fallbackModel: undefined });
  });

  test('BUDGET_USER_TOKENS_PER_DAY=0 is no limit, and reads nothing', async () => {
    const user = await aUser();
    await spent({ user, tokens: 10_000_000 });
    expect(await budgets({ userTokensPerDay: 0 }).clear(user, undefined)).toMatchObject({
      fallbackModel: undefined,
    });
  });

  test('clearNow answers from what the process knows: unknown totals count as nothing yet', async () => {
    const user = await aUser();
    await spent({ user, tokens: 1000 });
    const b = budgets();
    expect(b.clearNow(user, undefined)).toEqual({ siteId: undefined, fallbackModel: undefined });
    await refusal(b.clear(user, undefined));
    expect(b.clearNow(user, undefined)).toBeUndefined(); // known now: over
  });
});

describe('a site’s US dollars a UTC day', () => {
  test('spent: 429 for the site; with a fallback model, that model answers', async () => {
    const site = await aSite({ daily_budget_usd: 0.01 });
    const user = await aUser();
    await spent({ user: await aUser(), site, usd: 0.004 });
    const b = budgets();
    expect(await b.clear(user, site)).toEqual({ siteId: site, fallbackModel: undefined });
    await spent({ user, site, usd: 0.006 });
    await b.recorded({ userId: user, siteId: site, tokens: 0, costUsd: 0.006 });
    expect((await refusal(b.clear(user, site))).details).toMatchObject({ scope: 'site' });
    expect((await refusal(b.clear(await aUser(), site))).details).toMatchObject({ scope: 'site' });

    const generous = await aSite({ daily_budget_usd: 0.01, fallback_model: 'claude-haiku-4-5' });
    await spent({ user, site: generous, usd: 0.02 });
    expect(await b.clear(user, generous)).toEqual({
      siteId: generous,
      fallbackModel: 'claude-haiku-4-5',
    });
  });

  test('the user’s budget spent on a site with a fallback: the fallback answers', async () => {
    const site = await aSite({ fallback_model: 'claude-haiku-4-5' });
    const user = await aUser();
    await spent({ user, site, tokens: 1000 });
    expect(await budgets().clear(user, site)).toEqual({
      siteId: site,
      fallbackModel: 'claude-haiku-4-5',
    });
    // The host's own token names no site: no fallback to take.
    expect((await refusal(budgets().clear(user, undefined))).details).toMatchObject({
      scope: 'user',
    });
  });

  test('hostile: a budget of 0 is spent before the first call', async () => {
    const site = await aSite({ daily_budget_usd: 0 });
    const error = await refusal(budgets().clear(await aUser(), site));
    expect(error.details).toMatchObject({ scope: 'site' });
  });

  test('hostile: a site that does not exist, or an id that cannot be one, is no site', async () => {
    const user = await aUser();
    for (const site of [
      randomUUID(),
      'not-a-uuid',
      "'; drop table sites; --",
      ''.padEnd(5000, 'x'),
    ]) {
      expect(await budgets().clear(user, site)).toEqual({
        siteId: undefined,
        fallbackModel: undefined,
      });
    }
  });

  test('a budget changed while the server runs applies within seconds', async () => {
    const site = await aSite();
    const user = await aUser();
    await spent({ user, site, usd: 1 });
    const sites = new SiteBudgets(db, 1);
    const now = () => NOON; // the day the spend is of, whatever day the test runs
    const b = new Budgets({
      db,
      totals: new MemorySpendTotals(now),
      sites,
      userTokensPerDay: 0,
      now,
    });
    expect(await b.clear(user, site)).toMatchObject({ siteId: site });
    await db('sites').where({ id: site }).update({ daily_budget_usd: 0.5 });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the cache's few seconds, here 1 ms
    await refusal(b.clear(user, site));
  });
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('on Redis', () => {
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  test('two instances share one total, seeded once', async () => {
    const prefix = `repruv:test:spend:${randomUUID()}:`;
    const instance = () => {
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      clients.push(redis);
      return budgets({ totals: new RedisSpendTotals(redis, prefix, () => NOON) });
    };
    const [a, b] = [instance(), instance()];
    const user = await aUser();
    await spent({ user, tokens: 500 });
    await a.clear(user, undefined);
    await spent({ user, tokens: 300 }); // the ledger has it; the total has not (seeded already)
    await a.recorded({ userId: user, siteId: null, tokens: 300, costUsd: 0 });
    await b.clear(user, undefined); // reads the shared total: not seeded again
    await b.recorded({ userId: user, siteId: null, tokens: 200, costUsd: 0 });
    await refusal(a.clear(user, undefined));
    await refusal(b.clear(user, undefined));
    const stored = await clients[0]!.get(`${prefix}2026-12-01:user:${user}`);
    expect(Number(stored)).toBe(1000);
    expect(await clients[0]!.ttl(`${prefix}2026-12-01:user:${user}`)).toBeGreaterThan(0);
  });
});
