/** `--demo-data`: 30 days of synthetic traffic that the console's figures read, made once. */
import { expect, test } from 'vitest';
import { DEMO_DAYS, seedDemoTraffic } from '../../src/demo/demo-traffic.js';
import { adminFetch, createOperator, signIn } from '../support/admin.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

test('fills every one of 30 days, once, consistently across the tables', async () => {
  const site = (await t.server.sites.findByKey('pk_dev'))!;
  const [first, second] = [
    await seedDemoTraffic(t.server.db, site.id),
    await seedDemoTraffic(t.server.db, site.id),
  ];
  expect([first, second]).toEqual([true, false]);
  await t.server.usageRollups.runOnce();

  await createOperator(t, 'demo@example.com');
  const ops = await signIn(t, 'demo@example.com');
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - (DEMO_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const usage = await readJson(
    await adminFetch(t, `/admin/analytics/usage?from=${from}&to=${to}`, { session: ops }),
  );
  expect(usage.data).toHaveLength(DEMO_DAYS);
  expect(
    usage.data.every(
      (day: { calls: number; cost_usd: number }) => day.calls > 0 && day.cost_usd > 0,
    ),
  ).toBe(true);

  // Every reply has its ledger row; every rating is of a reply; every session's branch ends at a reply.
  const db = t.server.db;
  const count = async (query: PromiseLike<unknown>) =>
    Number(((await query) as Array<{ n: string | number }>)[0]!.n);
  const replies = await count(
    db('ai_chat_messages').where({ role: 'assistant' }).count({ n: '*' }),
  );
  const replyCalls = await count(db('api_usage_log').where({ purpose: 'reply' }).count({ n: '*' }));
  expect(replies).toBe(replyCalls);
  expect(replies).toBeGreaterThan(1000);
  const orphanRatings = await count(
    db('ai_message_feedback as f')
      .leftJoin('ai_chat_messages as m', 'm.id', 'f.message_id')
      .whereNot('m.role', 'assistant')
      .count({ n: '*' }),
  );
  expect(orphanRatings).toBe(0);
  const unfinished = await count(
    db('ai_chat_sessions as s')
      .leftJoin('ai_chat_messages as m', 'm.id', 's.current_message_id')
      .where((q) => q.whereNull('m.id').orWhereNot('m.role', 'assistant'))
      .count({ n: '*' }),
  );
  expect(unfinished).toBe(0);
  const feedback = await readJson(await adminFetch(t, '/admin/feedback?limit=5', { session: ops }));
  expect(feedback.data).toHaveLength(5);

  // A running experiment on "ideas" whose two variants both have replies and votes.
  const experiments = await readJson(
    await adminFetch(t, '/admin/experiments?status=running', { session: ops }),
  );
  expect(experiments.data).toHaveLength(1);
  const results = await readJson(
    await adminFetch(t, `/admin/experiments/${experiments.data[0].id}/results`, { session: ops }),
  );
  expect(results.variants).toHaveLength(2);
  for (const variant of results.variants) {
    expect(variant.messages).toBeGreaterThan(10);
    expect(variant.votes_up + variant.votes_down).toBeGreaterThan(0);
    expect(variant.first_token_ms.p50).toBeGreaterThanOrEqual(300);
  }

  // The analytics page has every day to chart, and the popular questions several wordings each.
  const activity = await readJson(
    await adminFetch(t, '/admin/analytics/activity', { session: ops }),
  );
  expect(activity.data).toHaveLength(30);
  for (const day of activity.data) {
    expect(day.sessions, day.day).toBeGreaterThan(0);
    expect(day.first_token_ms.p50, day.day).toBeGreaterThanOrEqual(300);
    expect(day.reply_ms.p50, day.day).toBeGreaterThanOrEqual(1500);
  }
  expect(activity.totals.error_rate).toBeGreaterThan(0);
  expect(activity.totals.messages_per_session).toBeGreaterThan(2);
  const questions = await readJson(
    await adminFetch(t, '/admin/analytics/questions', { session: ops }),
  );
  expect(questions.data.length).toBeGreaterThanOrEqual(10);
  expect(questions.data[0].examples.length).toBeGreaterThan(1);
  expect(questions.total_sessions).toBe(activity.totals.sessions);
});
