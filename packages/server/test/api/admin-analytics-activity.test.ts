/**
 * The console's activity figures and popular questions: a small conversation history written
 * straight to the database, rolled up by the real job, each figure checked against a hand count.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { adminFetch, createOperator, signIn, type OperatorSession } from '../support/admin.js';
import { createSession, expectError } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer({ BUDGET_USER_TOKENS_PER_DAY: '100', CLAUDE_CB_THRESHOLD: '1' });
let ops: OperatorSession;
let siteId: string;
const DAY_MS = 86_400_000;
const now = Date.now();
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = dayOf(now);
const yesterday = dayOf(now - DAY_MS);
const longAgo = dayOf(now - 40 * DAY_MS);
const longerAgo = dayOf(now - 45 * DAY_MS);
const at = (day: string, time: string) => new Date(`${day}T${time}Z`);
const plusSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

interface Reply {
  status: 'complete' | 'error' | 'stopped';
  firstTokenMs: number | null;
  latencyMs: number | null;
  /** From its creation to its last write. */
  seconds: number;
}

/** A session of `userId` on `site` (or the host's), with its turns: each a question and its reply. */
async function writeSession(
  userId: string,
  site: string | null,
  turns: Array<{ at: Date; question: string; reply: Reply }>,
  sessionId = randomUUID(),
) {
  const existing = await t.server.db('ai_chat_sessions').where({ id: sessionId }).first();
  if (!existing) {
    await t.server.db('ai_chat_sessions').insert({
      id: sessionId,
      user_id: userId,
      site_id: site,
      title: 'Chat',
      mode: 'general',
      status: 'active',
      context_tags: [],
      created_at: turns[0]!.at,
      updated_at: turns[0]!.at,
    });
  }
  let parentId: string | null = null;
  for (const turn of turns) {
    const questionId = randomUUID();
    const replyAt = plusSeconds(turn.at, 1);
    await t.server.db('ai_chat_messages').insert([
      {
        id: questionId,
        session_id: sessionId,
        user_id: userId,
        role: 'user',
        content: turn.question,
        status: 'complete',
        parent_id: parentId,
        created_at: turn.at,
        updated_at: turn.at,
      },
      {
        id: (parentId = randomUUID()),
        session_id: sessionId,
        user_id: userId,
        role: 'assistant',
        content: 'An answer.',
        status: turn.reply.status,
        parent_id: questionId,
        first_token_ms: turn.reply.firstTokenMs,
        latency_ms: turn.reply.latencyMs,
        created_at: replyAt,
        updated_at: plusSeconds(replyAt, turn.reply.seconds),
      },
    ]);
  }
  return sessionId;
}

const complete = (firstTokenMs: number, latencyMs: number, seconds: number): Reply => ({
  status: 'complete',
  firstTokenMs,
  latencyMs,
  seconds,
});

beforeAll(async () => {
  await createOperator(t, 'activity@example.com');
  ops = await signIn(t, 'activity@example.com');
  siteId = (await t.server.sites.add('Shop', ['https://shop.example'])).id;
  const [u1, u2, u3] = ['u1', 'u2', 'u3'].map(() => randomUUID());
  await t.server.db('users').insert([
    { id: u1, external_id: `site:${siteId}:u1` },
    { id: u2, external_id: `site:${siteId}:u2` },
    { id: u3, external_id: 'host-user-3' },
  ]);
  // Forty days ago, on the site: a wording of the Instagram question, and another question.
  await writeSession(u1!, siteId, [
    {
      at: at(longAgo, '09:00:00'),
      question: 'How often should I post on Instagram each week?',
      reply: complete(500, 1000, 2),
    },
  ]);
  // Earlier still, the same frame on two subjects: two questions, not one.
  for (const question of [
    'How do I grow my YouTube channel?',
    'How do I monetize my YouTube channel?',
  ]) {
    await writeSession(u2!, siteId, [
      { at: at(longerAgo, '09:00:00'), question, reply: complete(500, 1000, 2) },
    ]);
  }
  // Yesterday, on the site: a session of two turns (the second failed), one that was stopped.
  const s1 = await writeSession(u1!, siteId, [
    {
      at: at(yesterday, '10:00:00'),
      question: 'How do I price a brand sponsorship?',
      reply: complete(400, 4000, 4),
    },
    {
      at: at(yesterday, '10:01:00'),
      question: 'And for a series?',
      reply: { status: 'error', firstTokenMs: null, latencyMs: null, seconds: 2 },
    },
  ]);
  await writeSession(u2!, siteId, [
    {
      at: at(yesterday, '11:00:00'),
      question: 'How often should I post on Instagram?',
      reply: { status: 'stopped', firstTokenMs: 800, latencyMs: 9000, seconds: 10 },
    },
  ]);
  // Today: the host's own user asks the Instagram question again; the first session goes on.
  await writeSession(u3!, null, [
    {
      at: at(today, '00:30:00'),
      question: 'how often should I post on   Instagram',
      reply: complete(600, 2000, 3),
    },
  ]);
  await writeSession(
    u1!,
    siteId,
    [{ at: at(today, '00:40:00'), question: 'Thanks!', reply: complete(1000, 5000, 6) }],
    s1,
  );
  await t.server.usageRollups.runOnce();
});

async function get(path: string) {
  const response = await adminFetch(t, `/admin/analytics/${path}`, { session: ops });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Percentiles come from buckets 5 % wide: within 2.5 % of the exact value. */
const near = (exact: number) =>
  expect.toSatisfy((value: number) => Math.abs(value / exact - 1) <= 0.025);

describe('activity by day', () => {
  test('a site’s days: sessions, users, messages, how replies ended, latency and engagement', async () => {
    const body = await get(`activity?from=${yesterday}&to=${today}&site_id=${siteId}`);
    expect(body).toMatchObject({ from: yesterday, to: today, site_id: siteId });
    // As of the job's run in beforeAll.
    expect(Date.parse(body.figures_as_of)).toBeGreaterThanOrEqual(now - 1000);
    const [before, latest] = body.data;
    expect(before).toEqual({
      day: yesterday,
      sessions: 2,
      active_sessions: 2,
      active_users: 2,
      messages: 6,
      replies: 3,
      errors: 1,
      stopped: 1,
      error_rate: 0.3333,
      stop_rate: 0.3333,
      messages_per_session: 3,
      // The sessions' days: 10:00:00 to the failed reply's last write at 10:01:03, and 11 s.
      session_seconds: { p50: near(11), p95: near(63) },
      first_token_ms: { p50: near(400), p95: near(800) },
      // Only complete replies have a whole-reply time.
      reply_ms: { p50: near(4000), p95: near(4000) },
      breaker_openings: 0,
      budget_refusals: 0,
    });
    expect(latest).toMatchObject({
      day: today,
      sessions: 0,
      active_sessions: 1,
      active_users: 1,
      messages: 2,
      replies: 1,
      error_rate: 0,
      messages_per_session: 2,
      session_seconds: { p50: near(7), p95: near(7) },
      first_token_ms: { p50: near(1000) },
    });
    expect(body.totals).toMatchObject({
      sessions: 2,
      messages: 8,
      replies: 4,
      errors: 1,
      stopped: 1,
      error_rate: 0.25,
      stop_rate: 0.25,
      messages_per_session: 2.67,
      first_token_ms: { p50: near(800), p95: near(1000) },
      reply_ms: { p50: near(4000), p95: near(5000) },
    });
  });

  test('every site together takes the host’s own sessions in', async () => {
    const body = await get(`activity?from=${today}&to=${today}`);
    expect(body.site_id).toBeNull();
    expect(body.data).toEqual([
      expect.objectContaining({
        day: today,
        sessions: 1,
        active_sessions: 2,
        active_users: 2,
        messages: 4,
        replies: 2,
        first_token_ms: { p50: near(600), p95: near(1000) },
        reply_ms: { p50: near(2000), p95: near(5000) },
        session_seconds: { p50: near(4), p95: near(7) },
      }),
    ]);
  });

  test('every day of the range is there, quiet ones with zeros and no percentiles', async () => {
    const before = dayOf(Date.parse(`${longAgo}T00:00:00Z`) - DAY_MS);
    const after = dayOf(Date.parse(`${longAgo}T00:00:00Z`) + DAY_MS);
    const body = await get(`activity?from=${before}&to=${after}`);
    expect(body.data.map((d: { day: string }) => d.day)).toEqual([before, longAgo, after]);
    expect(body.data[0]).toMatchObject({
      sessions: 0,
      messages: 0,
      error_rate: null,
      messages_per_session: null,
      first_token_ms: { p50: null, p95: null },
    });
    expect(body.data[1]).toMatchObject({ sessions: 1, messages: 2, replies: 1 });
    // The default: the last 30 days, which leave forty days ago out.
    const recent = await get('activity');
    expect(recent.data).toHaveLength(30);
    expect(recent.totals.sessions).toBe(3);
  });

  test('as CSV, one line a day', async () => {
    const response = await adminFetch(
      t,
      `/admin/analytics/activity?from=${yesterday}&to=${today}&site_id=${siteId}&format=csv`,
      { session: ops },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      `repruv-activity-${yesterday}-to-${today}-site-${siteId}.csv`,
    );
    const [header, first, second, ...rest] = (await response.text()).trimEnd().split('\r\n');
    expect(rest).toEqual([]);
    expect(header).toBe(
      'day,sessions,active_sessions,active_users,messages,replies,errors,stopped,error_rate,stop_rate,messages_per_session,session_seconds_p50,session_seconds_p95,first_token_ms_p50,first_token_ms_p95,reply_ms_p50,reply_ms_p95,breaker_openings,budget_refusals',
    );
    expect(first!.startsWith(`${yesterday},2,2,2,6,3,1,1,0.3333,0.3333,3,`)).toBe(true);
    expect(second!.startsWith(`${today},0,1,1,2,1,0,0,0,0,2,`)).toBe(true);
  });

  test('budget refusals and circuit-breaker openings are counted as they happen', async () => {
    const spender = 'spender';
    const session = await createSession(t, spender);
    t.claude.enqueue({ kind: 'text', chunks: ['costly'], inputTokens: 500, outputTokens: 5 });
    const send = () =>
      t.request('/chat/messages', {
        method: 'POST',
        as: spender,
        json: { session_id: session.id, content: 'Again' },
      });
    expect((await send()).status).toBe(201);
    for (let i = 0; i < 3; i++) await expectError(await send(), 429, 'budget_exceeded');
    // The breaker opens on one failure (CLAUDE_CB_THRESHOLD=1).
    const other = await createSession(t, 'breaker');
    t.claude.enqueue({ kind: 'http-error', status: 529, errorType: 'overloaded_error' });
    await t.request('/chat/messages', {
      method: 'POST',
      as: 'breaker',
      json: { session_id: other.id, content: 'Fails' },
    });
    expect(t.server.breaker.state).toBe('open');
    await t.server.operationalEvents.flush();
    const all = await get(`activity?from=${today}&to=${today}`);
    expect(all.data[0]).toMatchObject({ budget_refusals: 3, breaker_openings: 1 });
    expect(all.totals).toMatchObject({ budget_refusals: 3, breaker_openings: 1 });
    // The host's user was refused, not the site's; the breaker is every site's.
    const site = await get(`activity?from=${today}&to=${today}&site_id=${siteId}`);
    expect(site.data[0]).toMatchObject({ budget_refusals: 0, breaker_openings: 1 });
    // A second flush adds nothing twice.
    await t.server.operationalEvents.flush();
    expect((await get(`activity?from=${today}&to=${today}`)).totals.budget_refusals).toBe(3);
  });
});

describe('popular questions', () => {
  test('first questions grouped by similarity, with counts, shares and wordings', async () => {
    const body = await get(`questions?from=${yesterday}&to=${today}`);
    expect(body).toMatchObject({ from: yesterday, to: today, site_id: null, total_sessions: 3 });
    expect(body.data).toEqual([
      {
        group_id: expect.any(String),
        question: 'how often should I post on Instagram',
        sessions: 2,
        share: 0.6667,
        examples: ['how often should I post on Instagram', 'How often should I post on Instagram?'],
        last_asked_at: at(today, '00:30:00').toISOString(),
      },
      expect.objectContaining({
        question: 'How do I price a brand sponsorship?',
        sessions: 1,
        share: 0.3333,
      }),
    ]);
    // A later turn ("And for a series?", "Thanks!") is not a first question.
    const all = await get(`questions?from=${longAgo}&to=${today}&limit=100`);
    expect(all.data.map((q: { question: string }) => q.question)).not.toContain('Thanks!');
    // Forty days ago's wording joined the same group.
    expect(all.data[0]).toMatchObject({ group_id: body.data[0].group_id, sessions: 3 });
    expect(all.data[0].examples).toContain('How often should I post on Instagram each week?');
    const older = await get(`questions?from=${longerAgo}&to=${longerAgo}`);
    expect(older.data.map((q: { question: string }) => q.question).sort()).toEqual([
      'How do I grow my YouTube channel?',
      'How do I monetize my YouTube channel?',
    ]);
  });

  test('a site’s questions only; a tie goes to the one asked last; limit', async () => {
    const body = await get(`questions?from=${yesterday}&to=${today}&site_id=${siteId}&limit=1`);
    expect(body.total_sessions).toBe(2);
    expect(body.data).toEqual([
      expect.objectContaining({
        question: 'How often should I post on Instagram?',
        sessions: 1,
        share: 0.5,
      }),
    ]);
  });

  test('as CSV', async () => {
    const response = await adminFetch(
      t,
      `/admin/analytics/questions?from=${yesterday}&to=${today}&format=csv`,
      { session: ops },
    );
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'rank,question,sessions,share,examples,last_asked_at',
      `1,how often should I post on Instagram,2,0.6667,how often should I post on Instagram | How often should I post on Instagram?,${at(today, '00:30:00').toISOString()}`,
      expect.stringMatching(/^2,How do I price a brand sponsorship\?,1,0\.3333,/),
    ]);
  });

  test('a later run files the sessions opened since, once, and leaves those filed alone', async () => {
    const range = `questions?from=${longAgo}&to=${today}&limit=100`;
    const before = await get(range);
    // The sessions of the budget test, opened through the chat API since the first run.
    await t.server.usageRollups.runOnce();
    const after = await get(range);
    expect(after.total_sessions).toBe(before.total_sessions + 2);
    for (const question of ['Again', 'Fails']) {
      expect(after.data).toContainEqual(expect.objectContaining({ question, sessions: 1 }));
    }
    await t.server.usageRollups.runOnce();
    const again = await get(range);
    expect(again.data).toEqual(after.data);
    expect(again.total_sessions).toBe(after.total_sessions);
    expect(Date.parse(again.figures_as_of)).toBeGreaterThan(Date.parse(after.figures_as_of));
  });
});

describe('who may, and hostile input', () => {
  test('no operator, or a chat token: 401', async () => {
    for (const path of ['activity', 'questions']) {
      const anonymous = await t.request(`/admin/analytics/${path}`, { as: null });
      await expectError(anonymous, 401, 'unauthorized');
      const chat = await t.request(`/admin/analytics/${path}`, { as: 'alice' });
      await expectError(chat, 401, 'unauthorized');
    }
  });

  test('bad days, ranges, sites, limits and formats: 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['activity?from=2026-02-30', 'from'],
      ['activity?from=yesterday', 'from'],
      [`activity?from=${today}&to=${yesterday}`, 'from'],
      ['activity?from=2024-01-01&to=2026-01-01', 'to'],
      ['activity?site_id=not-a-uuid', 'site_id'],
      ['activity?site_id=a&site_id=b', 'site_id'],
      ['activity?format=xml', 'format'],
      ['questions?limit=0', 'limit'],
      ['questions?limit=101', 'limit'],
      ['questions?limit=ten', 'limit'],
      [`questions?site_id=${"'; DROP TABLE sites; --"}`, 'site_id'],
    ];
    for (const [path, field] of cases) {
      const response = await adminFetch(t, `/admin/analytics/${path}`, { session: ops });
      const body = await expectError(response, 400, 'invalid_request');
      expect(JSON.stringify(body.error), path).toContain(`"${field}`);
    }
  });

  test('a site nobody has (or one removed) is a filter with nothing in it, not an error', async () => {
    const body = await get(`activity?from=${yesterday}&to=${today}&site_id=${randomUUID()}`);
    expect(body.totals).toMatchObject({ sessions: 0, messages: 0, error_rate: null });
    const questions = await get(`questions?site_id=${randomUUID()}`);
    expect(questions).toMatchObject({ total_sessions: 0, data: [] });
  });
});
