/** The console's usage figures: the daily rollups of the ledger, as JSON and CSV, checked by hand. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { UsageRollups } from '../../src/analytics/usage-rollups.js';
import { adminFetch, createOperator, signIn, type OperatorSession } from '../support/admin.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();
let ops: OperatorSession;
let siteId: string;
const DAY_MS = 86_400_000;
const now = Date.now();
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = dayOf(now);
const yesterday = dayOf(now - DAY_MS);
const longAgo = dayOf(now - 40 * DAY_MS);
const SONNET = 'claude-sonnet-5-5';
const HAIKU = 'claude-haiku-4-5';

interface Call {
  at: string;
  model: string;
  site: boolean;
  input: number;
  output: number;
  cost: number;
  outcome?: string;
  purpose?: string;
}

const record = (calls: Call[]) =>
  t.server.db('api_usage_log').insert(
    calls.map((call) => ({
      id: randomUUID(),
      site_id: call.site ? siteId : null,
      model: call.model,
      input_tokens: call.input,
      output_tokens: call.output,
      estimated_cost_usd: call.cost,
      outcome: call.outcome ?? 'complete',
      purpose: call.purpose ?? 'reply',
      // Noon UTC: well inside the day whatever the clock says.
      created_at: new Date(`${call.at}T12:00:00Z`),
    })),
  );

beforeAll(async () => {
  await createOperator(t, 'analytics@example.com');
  ops = await signIn(t, 'analytics@example.com');
  siteId = (await t.server.sites.add('Shop', ['https://shop.example'])).id;
  await record([
    { at: today, model: SONNET, site: true, input: 100, output: 50, cost: 0.01 },
    { at: today, model: SONNET, site: false, input: 10, output: 5, cost: 0.001, outcome: 'error' },
    {
      at: today,
      model: HAIKU,
      site: true,
      input: 20,
      output: 10,
      cost: 0.0005,
      outcome: 'stopped',
      purpose: 'title',
    },
    { at: yesterday, model: SONNET, site: true, input: 200, output: 100, cost: 0.02 },
    { at: longAgo, model: SONNET, site: false, input: 1000, output: 500, cost: 0.5 },
  ]);
  await t.server.usageRollups.runOnce();
});

const usage = async (query: string) => {
  const response = await adminFetch(t, `/admin/analytics/usage${query}`, { session: ops });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
};

describe('usage by day', () => {
  test('one day, all together: calls, errors, stops, tokens and cost', async () => {
    const body = await usage(`?from=${today}&to=${today}`);
    expect(body).toEqual({
      from: today,
      to: today,
      group_by: 'none',
      site_id: null,
      data: [
        {
          day: today,
          key: null,
          calls: 3,
          errors: 1,
          stopped: 1,
          input_tokens: 130,
          output_tokens: 65,
          cost_usd: 0.0115,
        },
      ],
    });
  });

  test('by model and by site', async () => {
    const byModel = await usage(`?from=${today}&to=${today}&group_by=model`);
    expect(
      byModel.data.map((r: { key: string; calls: number; cost_usd: number }) => [
        r.key,
        r.calls,
        r.cost_usd,
      ]),
    ).toEqual([
      [HAIKU, 1, 0.0005],
      [SONNET, 2, 0.011],
    ]);
    const bySite = await usage(`?from=${yesterday}&to=${today}&group_by=site`);
    expect(
      bySite.data.map((r: { day: string; key: string | null; calls: number }) => [
        r.day,
        r.key,
        r.calls,
      ]),
    ).toEqual([
      [yesterday, siteId, 1],
      [today, null, 1],
      [today, siteId, 2],
    ]);
  });

  test('one site’s calls only, by model (the host’s own tokens left out)', async () => {
    const body = await usage(`?from=${today}&to=${today}&group_by=model&site_id=${siteId}`);
    expect(body.site_id).toBe(siteId);
    expect(
      body.data.map((r: { key: string; calls: number; input_tokens: number }) => [
        r.key,
        r.calls,
        r.input_tokens,
      ]),
    ).toEqual([
      [HAIKU, 1, 20],
      [SONNET, 1, 100],
    ]);
    const nobody = await usage(`?from=${today}&to=${today}&site_id=${randomUUID()}`);
    expect(nobody.data).toEqual([]);
    const bad = await adminFetch(t, `/admin/analytics/usage?site_id=nope`, { session: ops });
    expect(bad.status).toBe(400);
  });

  test('the default range is the last 30 days; an older day shows when asked for', async () => {
    const recent = await usage('');
    expect(recent.to).toBe(today);
    expect(recent.data.map((r: { day: string }) => r.day)).toEqual([yesterday, today]);
    const longer = await usage(`?from=${dayOf(now - 45 * DAY_MS)}`);
    expect(longer.data.map((r: { day: string }) => r.day)).toEqual([longAgo, yesterday, today]);
  });

  test('as CSV, to download', async () => {
    const response = await adminFetch(
      t,
      `/admin/analytics/usage?from=${today}&to=${today}&group_by=model&format=csv`,
      { session: ops },
    );
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="repruv-usage-${today}-to-${today}-by-model.csv"`,
    );
    expect(await response.text()).toBe(
      'day,model,calls,errors,stopped,input_tokens,output_tokens,cost_usd\r\n' +
        `${today},${HAIKU},1,0,1,20,10,0.0005\r\n` +
        `${today},${SONNET},2,1,0,110,55,0.011\r\n`,
    );
  });

  test('the overview: today against yesterday, and the month so far', async () => {
    const body = await readJson(await adminFetch(t, '/admin/analytics/overview', { session: ops }));
    const monthStart = `${today.slice(0, 7)}-01`;
    const inMonth = [
      [today, 0.0115],
      [yesterday, 0.02],
      [longAgo, 0.5],
    ].filter(([day]) => (day as string) >= monthStart);
    expect(body).toEqual({
      today: { calls: 3, errors: 1, input_tokens: 130, output_tokens: 65, cost_usd: 0.0115 },
      yesterday: { calls: 1, errors: 0, input_tokens: 200, output_tokens: 100, cost_usd: 0.02 },
      month_to_date_cost_usd:
        Math.round(inMonth.reduce((sum, [, cost]) => sum + (cost as number), 0) * 1e6) / 1e6,
    });
  });
});

describe('the rollups', () => {
  test('a later run takes new calls in, keeps older days, and two instances at once count once', async () => {
    await record([{ at: today, model: SONNET, site: true, input: 1, output: 1, cost: 0.0001 }]);
    const other = new UsageRollups(t.server.db, t.server.logger);
    await Promise.all([
      t.server.usageRollups.runOnce(),
      other.runOnce(),
      t.server.usageRollups.runOnce(),
    ]);
    await t.server.usageRollups.runOnce();
    const body = await usage(`?from=${dayOf(now - 45 * DAY_MS)}&to=${today}`);
    expect(body.data.map((r: { day: string; calls: number }) => [r.day, r.calls])).toEqual([
      [longAgo, 1],
      [yesterday, 1],
      [today, 4],
    ]);
  });
});

describe('who may, and hostile input', () => {
  test('no operator or a chat token: 401', async () => {
    expect((await adminFetch(t, '/admin/analytics/usage')).status).toBe(401);
    const chatToken = { Authorization: `Bearer ${await t.tokenFor('alice')}` };
    expect((await adminFetch(t, '/admin/analytics/overview', { headers: chatToken })).status).toBe(
      401,
    );
  });

  test('bad days, ranges, groupings and formats: 400 naming the field', async () => {
    for (const [query, field] of [
      ['?from=2026-13-01', 'from'],
      ['?from=2026-02-30', 'from'],
      ['?from=yesterday', 'from'],
      ['?from=2026-01-02&to=2026-01-01', 'from'],
      ['?from=2024-01-01&to=2026-01-01', 'to'],
      ['?group_by=user', 'group_by'],
      ['?format=xml', 'format'],
      ['?from=2026-01-01&from=2026-01-02', 'from'],
    ] as const) {
      const response = await adminFetch(t, `/admin/analytics/usage${query}`, { session: ops });
      expect(response.status, query).toBe(400);
      expect(JSON.stringify((await readJson(response)).error), query).toContain(field);
    }
  });
});
