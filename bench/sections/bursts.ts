import { cpuSeconds, cpuSecondsOfAll, cpuSecondsOfTree } from '../lib/cpu.js';
import { postAndTimeStream, postJson } from '../lib/http-stream.js';
import { listenOverflows } from '../lib/listen-overflows.js';
import type { Child } from '../lib/processes.js';
import {
  ANTHROPIC_HEADERS,
  anthropicStreamBody,
  freshDatabase,
  startFakeUpstream,
  startAiSdkRoute,
  startPassthroughProxy,
  startRepruv,
  tokenFor,
} from '../lib/stack.js';
import { percentile } from '../lib/stats.js';
import type { StreamTiming } from '../lib/stream-timing.js';

const TOKENS = 60;
const TOKENS_PER_SECOND = 20;
const NOMINAL_GAP_MS = 1000 / TOKENS_PER_SECOND;
const OPENED_OVER_MS = 1000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROCESSES = process.env.BENCH_BURST_PROCESSES ?? '2';

export interface BurstRow {
  target: string;
  conversations: number;
  failed: number;
  firstTokenP50: number;
  firstTokenP99: number;
  /** How much later than the upstream's pace a text chunk arrived, p99. */
  deliveryLagP99: number;
  /** Connections the kernel dropped meanwhile for a full accept queue (the whole machine). */
  listenOverflows: number;
  /** CPU seconds per second of burst, of the target and of everything else taking part. */
  coresBusy: {
    target: number;
    upstream: number;
    postgres: number;
    redis: number;
    loadGenerator: number;
  };
}

interface Target {
  name: string;
  pid: number;
  /** CPU seconds of the target so far; default: its own process's. */
  cpuOf?: (pid: number) => number;
  /** One conversation; undefined when it failed. Its clock starts before any request of it. */
  open(i: number): Promise<StreamTiming | undefined>;
}

/**
 * Bursts of new conversations, `sizes` of them each opened evenly over one second, every one its
 * own user with a new session (created inside the burst), streaming 60 deltas 50 ms apart from a
 * fake Claude whose first delta leaves at once. The pass-through and the AI SDK route take the
 * same bursts before Repruv, on the same upstream.
 */
export async function benchBursts(sizes: number[]): Promise<BurstRow[]> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstream(TOKENS_PER_SECOND, TOKENS, { instantFirst: true });
    children.push(upstream.child);
    const repruv = await startRepruv(upstream.url, await freshDatabase('repruv_bench_bursts'));
    children.push(repruv.child);
    // One per core, as production runs it: two processes sharing PostgreSQL and Redis.
    const cluster = await startRepruv(
      upstream.url,
      await freshDatabase('repruv_bench_bursts_cluster'),
      { WEB_CONCURRENCY: PROCESSES, REDIS_URL },
    );
    children.push(cluster.child);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // its second process starts after the first
    const proxy = await startPassthroughProxy(upstream.url);
    children.push(proxy.child);
    const aiSdk = await startAiSdkRoute(upstream.url);
    children.push(aiSdk.child);

    let users = 0;
    let tokens: string[] = [];
    const targets: Target[] = [
      {
        name: 'pass-through proxy (floor)',
        pid: proxy.child.process.pid!,
        open: () =>
          postAndTimeStream(
            `${proxy.url}/v1/messages`,
            ANTHROPIC_HEADERS,
            anthropicStreamBody('Give me ideas'),
            'content_block_delta',
          ),
      },
      {
        name: 'AI SDK streamText route',
        pid: aiSdk.child.process.pid!,
        open: () =>
          postAndTimeStream(
            `${aiSdk.url}/chat`,
            { 'Content-Type': 'application/json' },
            JSON.stringify({ content: 'Give me ideas' }),
            '',
          ),
      },
      {
        name: 'Repruv server',
        pid: repruv.child.process.pid!,
        open: (i) => newConversation(repruv.url, tokens[i]!),
      },
      {
        name: `Repruv server, WEB_CONCURRENCY=${PROCESSES} with Redis`,
        pid: cluster.child.process.pid!,
        cpuOf: cpuSecondsOfTree,
        open: (i) => newConversation(cluster.url, tokens[i]!),
      },
    ];

    // Warm-up: JIT, pools, prepared plans, at a pace every target keeps.
    tokens = await signTokens(50, () => `burst-${users++}`);
    for (const target of targets) await burst(target, 50, upstream.child.process.pid!);

    const rows: BurstRow[] = [];
    for (const size of sizes) {
      tokens = await signTokens(size, () => `burst-${users++}`);
      for (const target of targets) {
        const row = await burst(target, size, upstream.child.process.pid!);
        rows.push(row);
        console.error(`burst ${size}: ${JSON.stringify(row)}`);
      }
    }
    return rows;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function burst(target: Target, size: number, upstreamPid: number): Promise<BurstRow> {
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the previous burst's tail
  const cpuOf = target.cpuOf ?? ((pid: number) => cpuSeconds(pid));
  const before = {
    target: cpuOf(target.pid),
    upstream: cpuSeconds(upstreamPid),
    postgres: cpuSecondsOfAll('postgres'),
    redis: cpuSecondsOfAll('redis-server'),
    me: process.cpuUsage(),
    overflows: listenOverflows(),
  };
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: size }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * OPENED_OVER_MS) / size));
      return target.open(i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const me = process.cpuUsage(before.me);
  const ok = results.filter((r): r is StreamTiming => r !== undefined && r.textChunks > 0);
  return {
    target: target.name,
    conversations: size,
    failed: size - ok.length,
    firstTokenP50: percentile(
      ok.map((r) => r.firstTextMs),
      50,
    ),
    firstTokenP99: percentile(
      ok.map((r) => r.firstTextMs),
      99,
    ),
    deliveryLagP99:
      percentile(
        ok.flatMap((r) => r.gapsMs),
        99,
      ) - NOMINAL_GAP_MS,
    listenOverflows: listenOverflows() - before.overflows,
    coresBusy: {
      target: (cpuOf(target.pid) - before.target) / seconds,
      upstream: (cpuSeconds(upstreamPid) - before.upstream) / seconds,
      postgres: (cpuSecondsOfAll('postgres') - before.postgres) / seconds,
      redis: (cpuSecondsOfAll('redis-server') - before.redis) / seconds,
      loadGenerator: (me.user + me.system) / 1e6 / seconds,
    },
  };
}

/** A new conversation as the widget starts one: a session, then the first send, streamed. */
async function newConversation(baseUrl: string, token: string): Promise<StreamTiming | undefined> {
  const start = performance.now();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const session = await postJson<{ id: string }>(`${baseUrl}/api/v1/chat/sessions`, headers, '{}');
  if (!session) return undefined;
  return postAndTimeStream(
    `${baseUrl}/api/v1/chat/messages?stream=true`,
    headers,
    JSON.stringify({ session_id: session.id, content: 'Give me ideas' }),
    'message.delta',
    start,
  );
}

function signTokens(count: number, subject: () => string): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => tokenFor(subject())));
}
