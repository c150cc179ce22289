import { cpuSeconds, cpuSecondsOfAll } from '../lib/cpu.js';
import { postAndTimeStream } from '../lib/http-stream.js';
import { rssDuring } from '../lib/memory.js';
import type { Child } from '../lib/processes.js';
import {
  ANTHROPIC_HEADERS,
  anthropicStreamBody,
  createSessions,
  freshDatabase,
  startFakeUpstream,
  startPassthroughProxy,
  startRepruv,
  tokenFor,
} from '../lib/stack.js';
import { percentile } from '../lib/stats.js';
import type { StreamTiming } from '../lib/stream-timing.js';

const TOKENS_PER_SECOND = 20;
const NOMINAL_GAP_MS = 1000 / TOKENS_PER_SECOND;
const TOKENS = Number(process.env.BENCH_CAPACITY_TOKENS ?? 400);
// Streams start 5 ms apart (200 new conversations a second), so every step reaches its full count
// of concurrent streams while the first ones (20 s long) are still running.
const START_SPACING_MS = 5;

/** CPU time per streamed token, µs, of each process taking part, and the cores busy meanwhile. */
export interface CpuShare {
  target: number;
  upstream: number;
  loadGenerator: number;
  postgres: number;
  coresBusy: number;
}

export interface CapacityStep {
  streams: number;
  repruvAddedGapP99: number;
  floorAddedGapP99: number;
  repruvCompleted: number;
  rssPerStreamKb: number;
  repruvFirstTokenP99: number;
  repruvCpu: CpuShare;
  floorCpu: CpuShare;
}

/** Runs `count` streams, started START_SPACING_MS apart, and what each process spent on them. */
async function runStreams(
  count: number,
  pids: { target: number; upstream: number },
  send: (i: number) => Promise<StreamTiming | undefined>,
) {
  const cpuBefore = {
    target: cpuSeconds(pids.target),
    upstream: cpuSeconds(pids.upstream),
    postgres: cpuSecondsOfAll('postgres'),
    me: process.cpuUsage(),
  };
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * START_SPACING_MS));
      return send(i);
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r !== undefined);
  const tokens = ok.reduce((sum, r) => sum + r.textChunks, 0);
  const me = process.cpuUsage(cpuBefore.me);
  const spent = {
    target: cpuSeconds(pids.target) - cpuBefore.target,
    upstream: cpuSeconds(pids.upstream) - cpuBefore.upstream,
    loadGenerator: (me.user + me.system) / 1e6,
    postgres: cpuSecondsOfAll('postgres') - cpuBefore.postgres,
  };
  const perToken = (seconds: number) => (tokens > 0 ? (seconds * 1e6) / tokens : Number.NaN);
  const cpu: CpuShare = {
    target: perToken(spent.target),
    upstream: perToken(spent.upstream),
    loadGenerator: perToken(spent.loadGenerator),
    postgres: perToken(spent.postgres),
    coresBusy: Object.values(spent).reduce((sum, s) => sum + s, 0) / wallSeconds,
  };
  return {
    completed: ok.filter((r) => r.textChunks > 0).length,
    addedGapP99:
      percentile(
        ok.flatMap((r) => r.gapsMs),
        99,
      ) - NOMINAL_GAP_MS,
    firstTokenP99: percentile(
      ok.map((r) => r.firstTextMs),
      99,
    ),
    cpu,
  };
}

/**
 * Concurrent live streams at 20 tokens/s each through one Repruv process, stepping up; beside each
 * step, the same load through a bare pass-through proxy (the floor), so the added delay is ours.
 * The load generator reads with node:http, and every process's CPU time per token is reported, so
 * what the 2 cores are spent on is in the table, not guessed.
 */
export async function benchCapacity(steps: number[]): Promise<CapacityStep[]> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstream(TOKENS_PER_SECOND, TOKENS);
    children.push(upstream.child);
    const repruv = await startRepruv(upstream.url, await freshDatabase('repruv_bench_capacity'), {
      CHAT_ORPHAN_GRACE_S: '5',
      // The steps send about 7,750 times from 50 users, with growing histories: past a day's tokens.
      BUDGET_USER_TOKENS_PER_DAY: '1000000000',
    });
    children.push(repruv.child);
    const proxy = await startPassthroughProxy(upstream.url);
    children.push(proxy.child);
    const maxStreams = Math.max(...steps);
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, i) => tokenFor(`capacity-${i}`)),
    );
    const sessions: Array<{ token: string; id: string }> = [];
    for (let u = 0; u < tokens.length; u++) {
      const ids = await createSessions(
        repruv.url,
        tokens[u]!,
        Math.ceil(maxStreams / tokens.length),
      );
      for (const id of ids) sessions.push({ token: tokens[u]!, id });
    }
    const upstreamPid = upstream.child.process.pid!;
    const repruvPid = repruv.child.process.pid!;

    const results: CapacityStep[] = [];
    for (const streams of steps) {
      const floor = await runStreams(
        streams,
        { target: proxy.child.process.pid!, upstream: upstreamPid },
        () =>
          postAndTimeStream(
            `${proxy.url}/v1/messages`,
            ANTHROPIC_HEADERS,
            anthropicStreamBody('Tell me a long story'),
            'content_block_delta',
          ),
      );
      const {
        result: ours,
        beforeKb: rssBefore,
        peakKb: rssPeak,
      } = await rssDuring(repruvPid, 250, () =>
        runStreams(streams, { target: repruvPid, upstream: upstreamPid }, (i) =>
          postAndTimeStream(
            `${repruv.url}/api/v1/chat/messages?stream=true`,
            { Authorization: `Bearer ${sessions[i]!.token}`, 'Content-Type': 'application/json' },
            JSON.stringify({ session_id: sessions[i]!.id, content: 'Tell me a long story' }),
            'message.delta',
          ),
        ),
      );
      results.push({
        streams,
        repruvAddedGapP99: ours.addedGapP99,
        floorAddedGapP99: floor.addedGapP99,
        repruvCompleted: ours.completed,
        rssPerStreamKb: Math.max(0, (rssPeak - rssBefore) / streams),
        repruvFirstTokenP99: ours.firstTokenP99,
        repruvCpu: ours.cpu,
        floorCpu: floor.cpu,
      });
      console.error(`capacity ${streams}: ${JSON.stringify(results.at(-1))}`);
    }
    return results;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
