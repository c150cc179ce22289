import type { Child } from '../lib/processes.js';
import {
  createSessions,
  freshDatabase,
  startFakeUpstream,
  startRepruv,
  tokenFor,
  anthropicStreamRequest,
  startPassthroughProxy,
  startAiSdkRoute,
} from '../lib/stack.js';
import { percentile, spread, type Spread } from '../lib/stats.js';
import { timeStream, type StreamTiming } from '../lib/stream-timing.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 20);
const TOKENS_PER_SECOND = 200;
const TOKENS = 20;
const INSTANT_TOKENS_PER_SECOND = 100;

interface Target {
  name: string;
  send(i: number): Promise<StreamTiming>;
}

export interface FirstTokenResult {
  target: string;
  ttftP50: Spread;
  ttftP99: Spread;
  addedP50: Spread;
  addedP99: Spread;
  gapP99: Spread;
}

/**
 * Time to first token and inter-chunk delay through Repruv (auth, rate limit, Postgres) vs a bare
 * pass-through proxy (the floor) vs a minimal AI SDK streamText route, all on one fake upstream,
 * requests interleaved target by target so the machine's noise falls on all of them alike.
 */
export async function benchFirstToken({
  instantFirst = false,
}: { instantFirst?: boolean } = {}): Promise<FirstTokenResult[]> {
  const children: Child[] = [];
  try {
    // Instant: the first text delta leaves as the request arrives, then one every 10 ms, so
    // nothing the server does before its first token hides behind the upstream's own wait.
    const upstream = instantFirst
      ? await startFakeUpstream(INSTANT_TOKENS_PER_SECOND, TOKENS, { instantFirst })
      : await startFakeUpstream(TOKENS_PER_SECOND, TOKENS);
    children.push(upstream.child);
    const repruv = await startRepruv(
      upstream.url,
      await freshDatabase(instantFirst ? 'repruv_bench_ttft_instant' : 'repruv_bench_ttft'),
    );
    children.push(repruv.child);
    const proxy = await startPassthroughProxy(upstream.url);
    children.push(proxy.child);
    const aiSdk = await startAiSdkRoute(upstream.url);
    children.push(aiSdk.child);

    const token = await tokenFor('bench-user');
    const sessions = await createSessions(repruv.url, token, ROUNDS * REQUESTS_PER_ROUND + 5);

    const targets: Target[] = [
      {
        name: 'pass-through proxy (floor)',
        send: async () => {
          const start = performance.now();
          const response = await anthropicStreamRequest(proxy.url, 'Give me ideas');
          return timeStream(start, response, (chunk) => chunk.includes('content_block_delta'));
        },
      },
      {
        name: 'Repruv server',
        send: async (i) => {
          const start = performance.now();
          const response = await fetch(`${repruv.url}/api/v1/chat/messages?stream=true`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ session_id: sessions[i], content: 'Give me ideas' }),
          });
          return timeStream(start, response, (chunk) => chunk.includes('message.delta'));
        },
      },
      {
        name: 'AI SDK streamText route',
        send: async () => {
          const start = performance.now();
          const response = await fetch(`${aiSdk.url}/chat`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ content: 'Give me ideas' }),
          });
          return timeStream(start, response, (chunk) => chunk.length > 0);
        },
      },
    ];

    // Warm-up: JIT, connection pools, prepared plans.
    for (const target of targets)
      for (let i = 0; i < 5; i++) await target.send(ROUNDS * REQUESTS_PER_ROUND + (i % 5));

    const perRound = new Map<string, { p50: number[]; p99: number[]; gapP99: number[] }>();
    const floorPerRound: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const samples = new Map<string, StreamTiming[]>(targets.map((t) => [t.name, []]));
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        for (const target of targets) {
          samples.get(target.name)!.push(await target.send(round * REQUESTS_PER_ROUND + i));
        }
      }
      for (const target of targets) {
        const timings = samples.get(target.name)!;
        const ttft = timings.map((t) => t.firstTextMs);
        const entry = perRound.get(target.name) ?? { p50: [], p99: [], gapP99: [] };
        entry.p50.push(percentile(ttft, 50));
        entry.p99.push(percentile(ttft, 99));
        entry.gapP99.push(
          percentile(
            timings.flatMap((t) => t.gapsMs),
            99,
          ),
        );
        perRound.set(target.name, entry);
      }
      floorPerRound.p50.push(perRound.get(targets[0]!.name)!.p50.at(-1)!);
      floorPerRound.p99.push(perRound.get(targets[0]!.name)!.p99.at(-1)!);
    }

    return targets.map((target) => {
      const entry = perRound.get(target.name)!;
      return {
        target: target.name,
        ttftP50: spread(entry.p50),
        ttftP99: spread(entry.p99),
        addedP50: spread(entry.p50.map((v, i) => v - floorPerRound.p50[i]!)),
        addedP99: spread(entry.p99.map((v, i) => v - floorPerRound.p99[i]!)),
        gapP99: spread(entry.gapP99),
      };
    });
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
