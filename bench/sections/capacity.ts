import { readFileSync } from 'node:fs';
import type { Child } from '../lib/processes.js';
import {
  createSessions,
  freshDatabase,
  startFakeUpstream,
  startRepruv,
  tokenFor,
  anthropicStreamRequest,
  startPassthroughProxy,
} from '../lib/stack.js';
import { percentile } from '../lib/stats.js';
import { timeStream } from '../lib/stream-timing.js';

const TOKENS_PER_SECOND = 20;
const NOMINAL_GAP_MS = 1000 / TOKENS_PER_SECOND;
const TOKENS = Number(process.env.BENCH_CAPACITY_TOKENS ?? 400);
// Streams start 5 ms apart (200 new conversations a second), so every step reaches its full count
// of concurrent streams while the first ones (20 s long) are still running.
const START_SPACING_MS = 5;

export interface CapacityStep {
  streams: number;
  repruvAddedGapP99: number;
  floorAddedGapP99: number;
  repruvCompleted: number;
  rssPerStreamKb: number;
  repruvFirstTokenP99: number;
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

async function runStreams(
  count: number,
  send: (i: number) => Promise<Response>,
  isText: (chunk: string) => boolean,
) {
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * START_SPACING_MS));
      const start = performance.now();
      try {
        const response = await send(i);
        if (!response.ok) {
          await response.text();
          return undefined;
        }
        return await timeStream(start, response, isText);
      } catch {
        return undefined;
      }
    }),
  );
  const ok = results.filter((r) => r !== undefined);
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
  };
}

/**
 * Concurrent live streams at 20 tokens/s each through one Repruv process, stepping up; beside each
 * step, the same load through a bare pass-through proxy (the floor), so the added delay is ours.
 */
export async function benchCapacity(steps: number[]): Promise<CapacityStep[]> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstream(TOKENS_PER_SECOND, TOKENS);
    children.push(upstream.child);
    const repruv = await startRepruv(upstream.url, await freshDatabase('repruv_bench_capacity'), {
      CHAT_ORPHAN_GRACE_S: '5',
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

    const results: CapacityStep[] = [];
    for (const streams of steps) {
      const floor = await runStreams(
        streams,
        () => anthropicStreamRequest(proxy.url, 'Tell me a long story'),
        (chunk) => chunk.includes('content_block_delta'),
      );
      const rssBefore = rssKb(repruv.child.process.pid!);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, rssKb(repruv.child.process.pid!));
      }, 250);
      const ours = await runStreams(
        streams,
        (i) =>
          fetch(`${repruv.url}/api/v1/chat/messages?stream=true`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${sessions[i]!.token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ session_id: sessions[i]!.id, content: 'Tell me a long story' }),
          }),
        (chunk) => chunk.includes('message.delta'),
      );
      clearInterval(sampler);
      results.push({
        streams,
        repruvAddedGapP99: ours.addedGapP99,
        floorAddedGapP99: floor.addedGapP99,
        repruvCompleted: ours.completed,
        rssPerStreamKb: Math.max(0, (rssPeak - rssBefore) / streams),
        repruvFirstTokenP99: ours.firstTokenP99,
      });
      console.error(`capacity ${streams}: ${JSON.stringify(results.at(-1))}`);
    }
    return results;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
