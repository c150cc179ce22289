/**
 * The console's analytics and feedback at scale (issue #15): a million messages over 90 days with
 * their ledger rows and 50,000 ratings, rolled up by the server's own job, then every analytics
 * and feedback endpoint of /api/v1/admin timed through HTTP with an operator's cookie, and the
 * results of a prompt experiment over a fifth of the replies. The goal:
 * p99 ≤ 200 ms for each. Also what the rollup job costs: its first full build, and the run it
 * makes every minute.
 */
import { Client } from 'pg';
import { OperatorAccounts } from '../../packages/server/src/admin/operator-accounts.js';
import { connectDatabase } from '../../packages/server/src/db/connect.js';
import { benchRollups } from '../lib/rollups.js';
import { freshDatabase, startFakeUpstream, startRepruv } from '../lib/stack.js';
import { percentile } from '../lib/stats.js';

const MESSAGES = Number(process.env.BENCH_ANALYTICS_MESSAGES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ANALYTICS_ITERATIONS ?? 100);
const DAYS = 90;
export const ANALYTICS_GOAL_MS = 200;
const EXPERIMENT_ID = '5e1ec7ed-0000-4000-8000-000000000015';

export interface AnalyticsResults {
  messages: number;
  ledgerRows: number;
  ratings: number;
  seedSeconds: number;
  rollupFirstMs: number;
  /** The runs after the first that filed the rest of the first questions, and their time in all. */
  questionsCatchUpMs: number;
  questionRuns: number;
  questionGroups: number;
  rollupMinuteMs: number;
  rows: Array<{ endpoint: string; p50: number; p99: number; bytes: number }>;
}

const seedId = (expression: string, salt: string) =>
  `overlay(overlay(md5((${expression})::text || '${salt}') placing '4' from 13) placing '8' from 17)::uuid`;

/** Sessions of 10 messages (5 exchanges) spread over 90 days; one ledger row per reply; 1 reply in 10 rated. */
async function seed(pg: Client): Promise<void> {
  const pairs = MESSAGES / 2;
  const sessions = Math.ceil(pairs / 5);
  await pg.query('SELECT setseed(0.15)');
  await pg.query(`INSERT INTO sites (id, name, site_key, allowed_origins)
    SELECT ${seedId('s', 'site')}, 'Site ' || s, 'pk_bench_' || s, ARRAY['https://s' || s || '.example']
      FROM generate_series(1, 3) s`);
  await pg.query(`INSERT INTO users (id, external_id)
    SELECT ${seedId('u', 'user')}, 'bench-user-' || u FROM generate_series(1, 5000) u`);
  await pg.query(`INSERT INTO ai_chat_sessions (id, user_id, site_id, title, mode, status, context_tags, created_at, updated_at)
    SELECT ${seedId('s', 'session')}, ${seedId('1 + s % 5000', 'user')},
           CASE WHEN s % 4 = 0 THEN NULL ELSE ${seedId('1 + s % 3', 'site')} END, 'Chat ' || s,
           (ARRAY['general','ideas','strategy','writing'])[1 + s % 4], 'active', '{}',
           now() - ((s % ${DAYS}) || ' days')::interval - (random() * interval '20 hours'),
           now() - ((s % ${DAYS}) || ' days')::interval
      FROM generate_series(1, ${sessions}) s`);
  await pg.query('ALTER TABLE ai_chat_messages DISABLE TRIGGER USER');
  // Each session opens with one of 800 wordings of 40 questions (what the popular questions
  // group); replies take 0.2-2 s to a first token and 1-6 s in all; 1 in 50 fails, 1 in 20 stops.
  const day = `now() - (((1 + (p - 1) / 5) % ${DAYS}) || ' days')::interval`;
  const turn = `((p - 1) % 5) * interval '1 minute'`;
  await pg.query(`INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, parent_id, model,
                    first_token_ms, latency_ms, created_at, updated_at)
    SELECT ${seedId('p', 'q')}, ${seedId('1 + (p - 1) / 5', 'session')}, ${seedId('1 + (1 + (p - 1) / 5) % 5000', 'user')},
           'user',
           CASE WHEN (p - 1) % 5 = 0 THEN
             'How do I ' || (ARRAY['grow','monetize','start','promote','edit'])[1 + (p / 5) % 5] || ' my ' ||
             (ARRAY['YouTube','TikTok','Instagram','podcast','newsletter','Twitch','blog','LinkedIn'])[1 + (p / 25) % 8] || ' ' ||
             (ARRAY['channel','audience','content','brand'])[1 + (p / 200) % 4] ||
             (ARRAY['?','',' fast?',' in 2026?',' as a beginner?'])[1 + (p / 800) % 5]
           ELSE 'And then, part ' || p END,
           'complete', CASE WHEN (p - 1) % 5 = 0 THEN NULL ELSE ${seedId('p - 1', 'a')} END, NULL, NULL, NULL,
           ${day} + ${turn}, ${day} + ${turn}
      FROM generate_series(1, ${pairs}) p
    UNION ALL
    SELECT ${seedId('p', 'a')}, ${seedId('1 + (p - 1) / 5', 'session')}, ${seedId('1 + (1 + (p - 1) / 5) % 5000', 'user')},
           'assistant', 'Post on a schedule and keep what works, part ' || p,
           CASE WHEN p % 50 = 0 THEN 'error' WHEN p % 20 = 0 THEN 'stopped' ELSE 'complete' END,
           ${seedId('p', 'q')}, 'claude-sonnet-5-5',
           CASE WHEN p % 50 = 0 THEN NULL ELSE 200 + abs(hashtext(p::text)) % 1800 END,
           CASE WHEN p % 50 = 0 THEN NULL ELSE 1000 + (p % 5000) END,
           ${day} + ${turn} + interval '1 second',
           ${day} + ${turn} + interval '1 second' + (1000 + (p % 5000)) * interval '1 millisecond'
      FROM generate_series(1, ${pairs}) p`);
  // A prompt experiment of three variants over every fifth session's replies (100,000 of them).
  await pg.query(`INSERT INTO prompt_experiments (id, persona_id, name, status)
    SELECT '${EXPERIMENT_ID}', id, 'Shorter answers', 'running' FROM ai_personas WHERE mode = 'general'`);
  await pg.query(`INSERT INTO prompt_variants (id, experiment_id, position, name, system_prompt, weight)
    SELECT ${seedId('v', 'variant')}, '${EXPERIMENT_ID}', v, 'V' || v, 'Prompt ' || v, 1 FROM generate_series(0, 2) v`);
  await pg.query(`UPDATE ai_chat_messages m
       SET persona_id = e.persona_id, experiment_id = e.id,
           variant_id = ${seedId('abs(hashtext(m.session_id::text)) % 3', 'variant')},
           first_token_ms = 200 + abs(hashtext(m.id::text)) % 1800
      FROM prompt_experiments e
     WHERE e.id = '${EXPERIMENT_ID}' AND m.role = 'assistant' AND abs(hashtext(m.session_id::text)) % 5 = 0`);
  await pg.query('ALTER TABLE ai_chat_messages ENABLE TRIGGER USER');
  await pg.query(`INSERT INTO api_usage_log (id, user_id, site_id, session_id, message_id, model, input_tokens,
                    output_tokens, latency_ms, outcome, purpose, estimated_cost_usd, created_at)
    SELECT ${seedId('p', 'usage')}, ${seedId('1 + (1 + (p - 1) / 5) % 5000', 'user')},
           CASE WHEN p % 4 = 0 THEN NULL ELSE ${seedId('1 + p % 3', 'site')} END,
           ${seedId('1 + (p - 1) / 5', 'session')}, ${seedId('p', 'a')},
           CASE WHEN p % 10 = 0 THEN 'claude-haiku-4-5' ELSE 'claude-sonnet-5-5' END,
           500 + (p % 700), 100 + (p % 400), 1000 + (p % 5000),
           CASE WHEN p % 50 = 0 THEN 'error' WHEN p % 20 = 0 THEN 'stopped' ELSE 'complete' END,
           'reply', ((500 + (p % 700)) * 3 + (100 + (p % 400)) * 15) / 1e6,
           now() - (((1 + (p - 1) / 5) % ${DAYS}) || ' days')::interval + (p % 3600) * interval '1 second'
      FROM generate_series(1, ${pairs}) p`);
  await pg.query(`INSERT INTO ai_message_feedback (message_id, user_id, session_id, rating, comment, tags, model, mode, created_at, updated_at)
    SELECT ${seedId('p', 'a')}, ${seedId('1 + (1 + (p - 1) / 5) % 5000', 'user')}, ${seedId('1 + (p - 1) / 5', 'session')},
           CASE WHEN p % 4 = 0 THEN 'down' ELSE 'up' END,
           CASE WHEN p % 7 = 0 THEN 'Comment ' || p END,
           CASE WHEN p % 3 = 0 THEN ARRAY['helpful'] WHEN p % 5 = 0 THEN ARRAY['vague'] ELSE '{}' END,
           'claude-sonnet-5-5', (ARRAY['general','ideas','strategy','writing'])[1 + ((1 + (p - 1) / 5) % 4)],
           now() - (((1 + (p - 1) / 5) % ${DAYS}) || ' days')::interval,
           now() - (((1 + (p - 1) / 5) % ${DAYS}) || ' days')::interval + (p % 3600) * interval '1 second'
      FROM generate_series(10, ${pairs}, 10) p`);
  await pg.query('ANALYZE');
}

async function signIn(url: string, db: ReturnType<typeof connectDatabase>): Promise<string> {
  const email = 'bench@example.com';
  const password = 'bench operator passphrase';
  await new OperatorAccounts(db).create(email, password);
  const response = await fetch(`${url}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

export async function benchAnalytics(): Promise<AnalyticsResults> {
  const databaseUrl = await freshDatabase('repruv_bench_analytics');
  const upstream = await startFakeUpstream(1000, 1);
  const repruv = await startRepruv(upstream.url, databaseUrl, { ADMIN_SIGN_INS_PER_IP: '1000' });
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const db = connectDatabase({ url: databaseUrl, pgliteDir: '' });
  try {
    const seedStart = performance.now();
    await seed(pg);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const count = async (table: string) =>
      Number((await pg.query(`SELECT count(*) n FROM ${table}`)).rows[0].n);
    // The server's own job, from this process: the first build has every day to make, and
    // every session's first question to file (5,000 a run: a run is repeated until none is left).
    await pg.query('DELETE FROM usage_daily');
    await pg.query('DELETE FROM activity_daily');
    const { timedRun } = benchRollups(db);
    const first = await timedRun();
    const rollupFirstMs = first.ms;
    let questionsCatchUpMs = 0;
    let questionRuns = 0;
    for (let left = first.questionsLeft; left; questionRuns++) {
      const run = await timedRun();
      questionsCatchUpMs += run.ms;
      left = run.questionsLeft;
    }
    const rollupMinuteMs = (await timedRun()).ms;

    const cookie = await signIn(repruv.url, db);
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const site = (await pg.query('SELECT id FROM sites ORDER BY name LIMIT 1')).rows[0]
      .id as string;
    const ratedReply = (await pg.query('SELECT message_id FROM ai_message_feedback LIMIT 1'))
      .rows[0].message_id as string;
    const endpoints: Array<[string, string]> = [
      ['overview', '/analytics/overview'],
      ['usage, 90 days', `/analytics/usage?from=${from}&to=${to}`],
      ['usage, 90 days by model', `/analytics/usage?from=${from}&to=${to}&group_by=model`],
      ['usage, 90 days by site', `/analytics/usage?from=${from}&to=${to}&group_by=site`],
      [
        'usage, 90 days by site, CSV',
        `/analytics/usage?from=${from}&to=${to}&group_by=site&format=csv`,
      ],
      ['activity, 90 days', `/analytics/activity?from=${from}&to=${to}`],
      ['activity, 90 days, one site', `/analytics/activity?from=${from}&to=${to}&site_id=${site}`],
      ['activity, 90 days, CSV', `/analytics/activity?from=${from}&to=${to}&format=csv`],
      ['popular questions, 90 days', `/analytics/questions?from=${from}&to=${to}`],
      [
        'popular questions, 90 days, one site, top 100',
        `/analytics/questions?from=${from}&to=${to}&site_id=${site}&limit=100`,
      ],
      ['feedback, newest 50', '/feedback'],
      ['feedback, thumbs down tagged "vague"', '/feedback?rating=down&tag=vague'],
      [
        'feedback, one mode, last 7 days',
        `/feedback?mode=general&from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`,
      ],
      ['feedback, a conversation', `/feedback/${ratedReply}/conversation`],
      ['personas', '/personas'],
      ['experiments', '/experiments'],
      [
        `experiment results, ${(MESSAGES / 10).toLocaleString('en-US')} replies`,
        `/experiments/${EXPERIMENT_ID}/results`,
      ],
    ];
    const rows: AnalyticsResults['rows'] = [];
    for (const [endpoint, path] of endpoints) {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const begin = performance.now();
        const response = await fetch(`${repruv.url}/api/v1/admin${path}`, {
          headers: { Cookie: cookie },
        });
        const body = await response.text();
        samples.push(performance.now() - begin);
        if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${body.slice(0, 200)}`);
        bytes = body.length;
        if (body.startsWith('{"data":[]')) throw new Error(`${endpoint}: found nothing to measure`);
      }
      rows.push({ endpoint, p50: percentile(samples, 50), p99: percentile(samples, 99), bytes });
    }
    return {
      messages: await count('ai_chat_messages'),
      ledgerRows: await count('api_usage_log'),
      ratings: await count('ai_message_feedback'),
      seedSeconds,
      rollupFirstMs,
      questionsCatchUpMs,
      questionRuns,
      questionGroups: await count('question_groups'),
      rollupMinuteMs,
      rows,
    };
  } finally {
    await db.destroy();
    await pg.end();
    await repruv.child.stop();
    await upstream.child.stop();
  }
}
