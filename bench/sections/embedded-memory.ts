import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postAndTimeStream } from '../lib/http-stream.js';
import { memoryKb, rssDuring } from '../lib/memory.js';
import type { Child } from '../lib/processes.js';
import {
  createSessions,
  freshDatabase,
  startFakeUpstream,
  startRepruv,
  tokenFor,
} from '../lib/stack.js';

const STREAMS = Number(process.env.BENCH_MEMORY_STREAMS ?? 50);
/** After start-up, before "idle" is read: the migrations' and the first rollup's garbage is gone. */
const SETTLE_MS = 10_000;

export interface MemoryRow {
  database: string;
  /** The most the process held while it started (migrations included). */
  startPeakMb: number;
  idleMb: number;
  /** The most it held while STREAMS replies streamed at once. */
  streamingPeakMb: number;
  perStreamKb: number;
  /** Idle again, once the streams ended. */
  afterMb: number;
  streams: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server's memory on the embedded default (PGlite, in its own folder, as `npm start` runs it:
 * its first start, and a restart) and, beside it, on PostgreSQL: idle after start-up, and with
 * STREAMS replies streaming at once (each its own user and conversation), sampled every 100 ms.
 */
export async function benchEmbeddedMemory(): Promise<MemoryRow[]> {
  const children: Child[] = [];
  const folder = mkdtempSync(path.join(tmpdir(), 'repruv-bench-pglite-'));
  try {
    // 100 tokens at 20 a second: every stream is still live when the last one starts.
    const upstream = await startFakeUpstream(20, 100);
    children.push(upstream.child);
    const targets: Array<{ database: string; url: string; env: Record<string, string> }> = [
      // A first start makes the folder (initdb, then the migrations): what a newcomer's first
      // `npm start` holds; the memory initdb used goes back whenever V8 collects it.
      { database: 'PGlite, first start (a new folder)', url: '', env: { PGLITE_DIR: folder } },
      { database: 'PGlite, restarted (its folder kept)', url: '', env: { PGLITE_DIR: folder } },
      { database: 'PostgreSQL', url: await freshDatabase('repruv_bench_memory'), env: {} },
    ];
    const rows: MemoryRow[] = [];
    for (const target of targets) {
      const repruv = await startRepruv(upstream.url, target.url, target.env);
      children.push(repruv.child);
      const pid = repruv.child.process.pid!;
      await sleep(SETTLE_MS);
      const idle = memoryKb(pid);

      const users = await Promise.all(
        Array.from({ length: STREAMS }, (_, i) => tokenFor(`memory-${i}`)),
      );
      const sessions = await Promise.all(
        users.map(async (token) => ({
          token,
          id: (await createSessions(repruv.url, token, 1))[0]!,
        })),
      );
      await sleep(1000);
      const {
        result: done,
        beforeKb: before,
        peakKb: streamingPeak,
      } = await rssDuring(pid, 100, () =>
        Promise.all(
          sessions.map((session) =>
            postAndTimeStream(
              `${repruv.url}/api/v1/chat/messages?stream=true`,
              { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
              JSON.stringify({ session_id: session.id, content: 'Tell me a story' }),
              'message.delta',
            ),
          ),
        ),
      );
      const completed = done.filter((timing) => timing && timing.textChunks > 0).length;
      if (completed !== STREAMS) {
        throw new Error(`${target.database}: ${completed} of ${STREAMS} streams completed`);
      }
      await sleep(SETTLE_MS / 2);
      rows.push({
        database: target.database,
        startPeakMb: idle.peak / 1024,
        idleMb: idle.rss / 1024,
        streamingPeakMb: streamingPeak / 1024,
        perStreamKb: (streamingPeak - before) / STREAMS,
        afterMb: memoryKb(pid).rss / 1024,
        streams: STREAMS,
      });
      await repruv.child.stop();
    }
    return rows;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    rmSync(folder, { recursive: true, force: true });
  }
}
