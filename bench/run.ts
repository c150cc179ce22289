/**
 * npm run bench — every figure measured in one run, side by side, on this machine.
 * Prints a table per section and writes bench/results.json. Sections: BENCH_ONLY=first-token,history,...
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/processes.js';
import { goalLines } from './lib/goals.js';
import { formatSpread, round2 } from './lib/stats.js';
import { benchAbuse } from './sections/abuse.js';
import { ANALYTICS_GOAL_MS, benchAnalytics } from './sections/analytics.js';
import { benchAttachments } from './sections/attachments.js';
import { benchBundles } from './sections/bundles.js';
import { benchBursts } from './sections/bursts.js';
import { benchCapacity } from './sections/capacity.js';
import { benchEmbeddedMemory } from './sections/embedded-memory.js';
import { benchFollowers } from './sections/followers.js';
import { benchFirstToken, type FirstTokenResult } from './sections/first-token.js';
import { benchHistory } from './sections/history.js';
import { benchSearch } from './sections/search.js';
import { benchSendCost } from './sections/send-cost.js';
import { benchWidgetRender } from './sections/widget-render.js';

const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const results: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  startedAt: new Date().toISOString(),
};

const report: string[] = [];
function say(line: string): void {
  console.log(line);
  report.push(line);
}

function table(title: string, header: string[], rows: Array<Array<string | number>>): void {
  say(`\n## ${title}\n`);
  say(`| ${header.join(' | ')} |`);
  say(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) say(`| ${row.join(' | ')} |`);
}

if (wanted('bundles')) {
  const bundles = benchBundles();
  results.bundles = bundles;
  table(
    'Bundles (gzip -9)',
    ['bundle', 'bytes', 'gzip'],
    bundles.rows.map((row) => [row.bundle, row.bytes, row.gzipBytes]),
  );
  say(
    `\ndeep-chat is ${round2(bundles.deepChatRatio)}× the size of launcher + panel (goal: 3.5× or more).`,
  );
}

function firstTokenTable(title: string, rows: FirstTokenResult[]): void {
  table(
    title,
    [
      'target',
      'TTFT p50',
      'TTFT p99',
      'added p50 over floor',
      'added p99 over floor',
      'inter-chunk p99',
    ],
    rows.map((r) => [
      r.target,
      formatSpread(r.ttftP50),
      formatSpread(r.ttftP99),
      formatSpread(r.addedP50),
      formatSpread(r.addedP99),
      formatSpread(r.gapP99),
    ]),
  );
}

if (wanted('first-token')) {
  const rows = await benchFirstToken();
  results.firstToken = rows;
  firstTokenTable(
    'Time to first token: a fake Claude whose first token comes 5 ms after the request (median of rounds, min–max)',
    rows,
  );
  const instant = await benchFirstToken({ instantFirst: true });
  results.firstTokenInstant = instant;
  firstTokenTable(
    'Time to first token: a fake Claude whose first token leaves at once, then one every 10 ms (median of rounds, min–max)',
    instant,
  );
}

if (wanted('send-cost')) {
  const cost = await benchSendCost();
  results.sendCost = cost;
  const { repruv } = cost;
  const ms = (value: number) => `${round2(value)} ms`;
  table(
    `CPU per new conversation (${cost.conversations} one after another, each its own user; PostgreSQL; a fake Claude that answers at once)`,
    ['', 'CPU', 'request → Claude asked, p50'],
    [
      ['Repruv: `POST /chat/sessions`', ms(repruv.sessionCpuMs), '—'],
      [
        'Repruv: the send (reads, pair, streamed reply, accounting, title)',
        ms(repruv.sendCpuMs),
        ms(repruv.untilClaudeAskedP50),
      ],
      [
        'AI SDK streamText route: one request',
        ms(cost.aiSdk.cpuMs),
        ms(cost.aiSdk.untilClaudeAskedP50),
      ],
      [
        'pass-through proxy: one request',
        ms(cost.passthrough.cpuMs),
        ms(cost.passthrough.untilClaudeAskedP50),
      ],
    ],
  );
  table(
    "Where Repruv's CPU per new conversation goes (a CPU profile of the same load, startup left out)",
    ['spent on', 'CPU per conversation'],
    Object.entries(repruv.breakdownMs)
      .sort(([, a], [, b]) => b - a)
      .map(([category, value]) => [category, ms(value)]),
  );
  say(
    `\nFrom a send leaving the client to Claude receiving its request: p50 ${ms(repruv.untilClaudeAskedP50)}, p99 ${ms(repruv.untilClaudeAskedP99)} (the CPU before Claude is called is at most this). PostgreSQL transactions per new conversation: ${round2(repruv.transactionsPerConversation)}.`,
  );
}

if (wanted('bursts')) {
  const sizes = (process.env.BENCH_BURST_SIZES ?? '1000,2000').split(',').map(Number);
  const rows = await benchBursts(sizes);
  results.bursts = rows;
  table(
    "Bursts: new conversations opened evenly over one second, each its own user and session, 60 deltas 50 ms apart (PostgreSQL; first token timed from the conversation's first request)",
    [
      'conversations',
      'target',
      'failed',
      'first token p50',
      'first token p99',
      'delivery lag p99',
      'accept-queue overflows',
      'cores busy: target + upstream + PostgreSQL + Redis + load generator',
    ],
    rows.map((r) => [
      r.conversations,
      r.target,
      r.failed,
      `${round2(r.firstTokenP50)} ms`,
      `${round2(r.firstTokenP99)} ms`,
      `${round2(r.deliveryLagP99)} ms`,
      r.listenOverflows,
      `${round2(r.coresBusy.target)} + ${round2(r.coresBusy.upstream)} + ${round2(r.coresBusy.postgres)} + ${round2(r.coresBusy.redis)} + ${round2(r.coresBusy.loadGenerator)}`,
    ]),
  );
}

if (wanted('followers')) {
  const counts = (process.env.BENCH_FOLLOWER_COUNTS ?? '1,100,1000').split(',').map(Number);
  const rows = await benchFollowers(counts);
  results.followers = rows;
  table(
    "Followers of one reply on another instance (two instances on one PostgreSQL; a reply at 20 tokens/s; lag behind the owner's own client)",
    ['followers', 'via', 'lag p50', 'lag p99', 'PostgreSQL transactions/s', 'PostgreSQL cores'],
    rows.map((r) => [
      r.followers,
      r.via,
      `${round2(r.lagP50)} ms`,
      `${round2(r.lagP99)} ms`,
      Math.round(r.transactionsPerSecond),
      round2(r.postgresCores),
    ]),
  );
}

if (wanted('capacity')) {
  const steps = (process.env.BENCH_CAPACITY_STEPS ?? '250,500,1000,2000,4000')
    .split(',')
    .map(Number);
  const rows = await benchCapacity(steps);
  results.capacity = rows;
  table(
    'Concurrent streams at 20 tokens/s (one server process)',
    [
      'streams',
      'completed',
      'added inter-chunk p99 (Repruv)',
      'added inter-chunk p99 (floor)',
      'first token p99',
      'RSS per stream',
      'CPU µs per token: Repruv / pass-through',
      'CPU µs per token: upstream + load generator + PostgreSQL',
      'cores busy (of 2)',
    ],
    rows.map((r) => [
      r.streams,
      r.repruvCompleted,
      `${round2(r.repruvAddedGapP99)} ms`,
      `${round2(r.floorAddedGapP99)} ms`,
      `${round2(r.repruvFirstTokenP99)} ms`,
      `${round2(r.rssPerStreamKb)} KB`,
      `${Math.round(r.repruvCpu.target)} / ${Math.round(r.floorCpu.target)}`,
      `${Math.round(r.repruvCpu.upstream)} + ${Math.round(r.repruvCpu.loadGenerator)} + ${Math.round(r.repruvCpu.postgres)}`,
      `${round2(r.repruvCpu.coresBusy)}`,
    ]),
  );
}

if (wanted('history')) {
  const history = await benchHistory();
  results.history = history;
  table(
    `History at scale (${history.messages.toLocaleString('en')} messages, seeded in ${round2(history.seedSeconds)} s)`,
    ['page', 'keyset p50', 'keyset p99', 'OFFSET p50', 'OFFSET p99', 'HTTP p50', 'HTTP p99'],
    history.rows.map((r) => [
      r.query,
      ...[r.keysetP50, r.keysetP99, r.offsetP50, r.offsetP99, r.httpP50, r.httpP99].map(
        (v) => `${round2(v)} ms`,
      ),
    ]),
  );
  const { tree } = history;
  const ms = (v: number | null) => (v === null ? '—' : `${round2(v)} ms`);
  table(
    `Conversation tree (a branch ${tree.depth.toLocaleString('en')} messages deep with a fork every ${tree.forkEvery}: ${tree.stored.toLocaleString('en')} messages stored, same database)`,
    ['read', 'messages', 'branch SQL p50', 'branch SQL p99', 'HTTP p50', 'HTTP p99'],
    tree.rows.map((r) => [
      r.informative ? `${r.query} (informative)` : r.query,
      r.messages || '—',
      ...[r.keysetP50, r.keysetP99, r.httpP50, r.httpP99].map(ms),
    ]),
  );
}

if (wanted('search')) {
  const search = await benchSearch();
  results.search = search;
  table(
    `Search (${search.messages.toLocaleString('en')} messages in the database, seeded in ${round2(search.seedSeconds)} s; each query ${process.env.BENCH_SEARCH_ITERATIONS ?? 100} times, one after another)`,
    ['user', 'query', 'hits (page of 20)', 'SQL p50', 'SQL p99', 'HTTP p50', 'HTTP p99'],
    search.rows.map((r) => [
      r.user,
      r.query,
      r.hits,
      ...[r.sqlP50, r.sqlP99, r.httpP50, r.httpP99].map((v) => `${round2(v)} ms`),
    ]),
  );
  for (const o of search.overall) {
    say(
      `
${o.user} (${o.messages.toLocaleString('en')} messages), every query above together: HTTP p50 ${round2(o.httpP50)} ms, p99 ${round2(o.httpP99)} ms (goal: p99 ≤ ${o.goalMs} ms).`,
    );
  }
}

if (wanted('analytics')) {
  const analytics = await benchAnalytics();
  results.analytics = analytics;
  table(
    `Operator console: analytics and feedback (${analytics.messages.toLocaleString('en')} messages over 90 days, ${analytics.ledgerRows.toLocaleString('en')} ledger rows, ${analytics.ratings.toLocaleString('en')} ratings, seeded in ${round2(analytics.seedSeconds)} s; each endpoint ${process.env.BENCH_ANALYTICS_ITERATIONS ?? 100} times over HTTP with an operator's cookie)`,
    ['endpoint', 'bytes', 'HTTP p50', 'HTTP p99', `goal p99 ≤ ${ANALYTICS_GOAL_MS} ms`],
    analytics.rows.map((r) => [
      r.endpoint,
      r.bytes.toLocaleString('en'),
      `${round2(r.p50)} ms`,
      `${round2(r.p99)} ms`,
      r.p99 <= ANALYTICS_GOAL_MS ? 'met' : 'MISSED',
    ]),
  );
  say(
    `
The rollup job: its first build of every day (usage, activity, experiments, and the first 5,000 first questions) ${round2(analytics.rollupFirstMs)} ms; the rest of the first questions in ${analytics.questionRuns} more runs, ${round2(analytics.questionsCatchUpMs)} ms in all (${analytics.questionGroups.toLocaleString('en')} groups); the run it makes every minute (today and yesterday) ${round2(analytics.rollupMinuteMs)} ms.`,
  );
}

if (wanted('widget-render')) {
  const rows = await benchWidgetRender();
  results.widgetRender = rows;
  table(
    'Streaming a long reply into the chat panel (Chromium, same machine, same rate)',
    [
      'widget',
      'tokens',
      'long tasks > 50 ms',
      'longest task',
      'main-thread ms per 100 tokens',
      'wall time',
    ],
    rows.map((r) => [
      r.widget,
      r.tokens,
      r.longTasks,
      `${round2(r.longestTaskMs)} ms`,
      round2(r.mainThreadMsPer100Tokens),
      `${round2(r.wallSeconds)} s`,
    ]),
  );
}

if (wanted('abuse')) {
  const abuse = await benchAbuse();
  results.abuse = abuse;
  table(
    "A signed-in user's time to first token while 50 guests hammer the server",
    [
      '',
      'TTFT p50 (per round)',
      'TTFT p99 (per round)',
      `TTFT p99 (${abuse.pooled.sends} sends pooled)`,
    ],
    [
      [
        'quiet',
        formatSpread(abuse.quietP50),
        formatSpread(abuse.quietP99),
        `${round2(abuse.pooled.quietP99)} ms`,
      ],
      [
        '50 hostile guests',
        formatSpread(abuse.attackedP50),
        formatSpread(abuse.attackedP99),
        `${round2(abuse.pooled.attackedP99)} ms`,
      ],
    ],
  );
  say(
    `\nThe guests made ${Math.round(abuse.guestRequestsPerSecond)} requests a second; ${Math.round(abuse.refusedShare * 100)} % were refused. p99 under attack / quiet, every round's sends pooled: ${round2(abuse.pooled.p99Ratio)}× (goal: 2× or less); per round: ${formatSpread(abuse.p99Ratio, '×')}. Cores busy while attacked: server ${round2(abuse.coresUnderAttack.server)}, fake Claude ${round2(abuse.coresUnderAttack.upstream)}, guests ${round2(abuse.coresUnderAttack.guests)} (at the lowest priority), timed client ${round2(abuse.coresUnderAttack.timedClient)}, PostgreSQL ${round2(abuse.coresUnderAttack.postgres)} (of ${os.cpus().length}).`,
  );
}

if (wanted('memory')) {
  const rows = await benchEmbeddedMemory();
  results.memory = rows;
  table(
    `The server's memory (RSS), on the embedded default and on PostgreSQL: idle, and with ${rows[0]?.streams ?? 0} replies streaming at once`,
    [
      'database',
      'peak while starting',
      'idle',
      'peak while streaming',
      'per live stream',
      'idle after',
    ],
    rows.map((r) => [
      r.database,
      `${Math.round(r.startPeakMb)} MB`,
      `${Math.round(r.idleMb)} MB`,
      `${Math.round(r.streamingPeakMb)} MB`,
      `${Math.round(r.perStreamKb)} KB`,
      `${Math.round(r.afterMb)} MB`,
    ]),
  );
}

if (wanted('attachments')) {
  const rows = await benchAttachments();
  results.attachments = rows;
  table(
    'Uploads: throughput and server memory per upload in flight',
    ['file', 'at once', 'uploads/s', 'MB/s', 'bare sink MB/s', 'peak RSS over idle', 'per upload'],
    rows.map((row) => [
      row.file,
      row.atOnce,
      round2(row.uploadsPerSecond),
      round2(row.megabytesPerSecond),
      round2(row.sinkMegabytesPerSecond),
      `${Math.round(row.peakRssPerUploadMb * row.atOnce)} MB`,
      `${round2(row.peakRssPerUploadMb)} MB`,
    ]),
  );
  say(
    '\nThe body streams to a temporary file on the way in; then at most two files at once are decoded and written again (images, with sharp) or read whole and stored (PDFs), the others waiting on disk: the peak stays about what two cost, however many arrive together.',
  );
}

results.finishedAt = new Date().toISOString();
writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results.json');
if (!only) {
  const machine = results.machine as {
    cpus: number;
    model?: string;
    memoryGb: number;
    node: string;
  };
  const header = [
    '# Benchmarks',
    '',
    `Measured ${String(results.startedAt).slice(0, 16).replace('T', ' ')} UTC on ${machine.cpus} cores (${machine.model ?? 'unknown CPU'}), ${machine.memoryGb} GiB, Node ${machine.node}, PostgreSQL on the same machine. The machine is shared and noisy: compare the rows of one table with each other (they were measured side by side, interleaved), not with another run.`,
    '',
    'Rerun: `npm run bench` (about 20 minutes; needs PostgreSQL at `BENCH_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`, and Chromium at `/usr/bin/chromium`). `BENCH_ONLY=first-token,send-cost,bursts,followers,capacity,history,search,analytics,bundles,widget-render,abuse,memory,attachments` runs some sections; every run writes `bench/results.json`; a full run rewrites this file.',
  ];
  const goals = goalLines(results);
  for (const line of goals) console.log(line);
  writeFileSync(
    path.join(ROOT, 'BENCHMARKS.md'),
    `${[...header, ...goals, ...report].join('\n')}\n`,
  );
  console.log('wrote BENCHMARKS.md');
}
