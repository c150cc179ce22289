/**
 * Uploads: throughput and the server's memory per upload in flight, for 10 MB images (decoded and
 * re-encoded) and 30 MB PDFs (read whole to check their structure), one, four and sixteen at once,
 * beside a bare node:http sink that only reads the same bytes (what the transfer alone costs here).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pdf, png } from '../../packages/server/test/support/attachment-files.js';
import { freshDatabase, startFakeUpstream, startRepruv, tokenFor } from '../lib/stack.js';
import type { Child } from '../lib/processes.js';

const CONCURRENCY = [1, 4, 16];
const MB = 1_000_000;

export interface UploadRow {
  file: string;
  bytes: number;
  atOnce: number;
  uploadsPerSecond: number;
  megabytesPerSecond: number;
  /** The bare sink's MB/s for the same bytes, as many at once. */
  sinkMegabytesPerSecond: number;
  /** Peak resident memory over the idle server's, per upload in flight. */
  peakRssPerUploadMb: number;
}

export async function benchAttachments(): Promise<UploadRow[]> {
  const children: Child[] = [];
  const sink = await startSink();
  try {
    const upstream = await startFakeUpstream(200, 20);
    children.push(upstream.child);
    const databaseUrl = await freshDatabase('repruv_bench_attachments');
    const repruv = await startRepruv(upstream.url, databaseUrl, {
      ATTACHMENTS_QUOTA_BYTES: String(100_000 * MB),
    });
    children.push(repruv.child);
    const token = await tokenFor('bench-uploader');
    const files = [
      { file: 'image, ~10 MB PNG', bytes: await imageUnder(10 * MB) },
      { file: 'PDF, 30 MB', bytes: await pdfOf(30 * MB) },
    ];
    const rows: UploadRow[] = [];
    // One of each first: sharp and pdf-lib are loaded with the first file of their kind.
    for (const { bytes } of files)
      await post(bytes, `${repruv.url}/api/v1/chat/attachments`, token);
    for (const { file, bytes } of files) {
      for (const atOnce of CONCURRENCY) {
        const rounds = Math.max(1, Math.ceil(16 / atOnce));
        const idleRss = rssMb(repruv.child.process.pid!);
        let peak = idleRss;
        const sampler = setInterval(
          () => (peak = Math.max(peak, rssMb(repruv.child.process.pid!))),
          10,
        );
        const start = performance.now();
        for (let round = 0; round < rounds; round++) {
          await Promise.all(
            Array.from({ length: atOnce }, () =>
              post(bytes, `${repruv.url}/api/v1/chat/attachments`, token),
            ),
          );
        }
        const seconds = (performance.now() - start) / 1000;
        clearInterval(sampler);
        const sinkStart = performance.now();
        for (let round = 0; round < rounds; round++) {
          await Promise.all(Array.from({ length: atOnce }, () => post(bytes, sink.url)));
        }
        const sinkSeconds = (performance.now() - sinkStart) / 1000;
        const count = rounds * atOnce;
        rows.push({
          file,
          bytes: bytes.length,
          atOnce,
          uploadsPerSecond: count / seconds,
          megabytesPerSecond: (count * bytes.length) / MB / seconds,
          sinkMegabytesPerSecond: (count * bytes.length) / MB / sinkSeconds,
          peakRssPerUploadMb: (peak - idleRss) / atOnce,
        });
      }
    }
    return rows;
  } finally {
    await sink.close();
    await Promise.all(children.map((child) => child.stop()));
  }
}

/** One multipart upload of `bytes`; with a token, it must be stored. */
async function post(bytes: Buffer, url: string, token?: string): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), 'upload.bin');
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(url, { method: 'POST', body: form, headers });
  await response.arrayBuffer();
  if (token && response.status !== 201) throw new Error(`upload answered ${response.status}`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The largest noisy square PNG under `limit` bytes (noise barely compresses). */
async function imageUnder(limit: number): Promise<Buffer> {
  let side = 1_700;
  let best = await png(side, side);
  for (;;) {
    const next = await png(side + 50, side + 50);
    if (next.length > limit) return best;
    best = next;
    side += 50;
  }
}

async function pdfOf(size: number): Promise<Buffer> {
  const document = await pdf(10);
  return Buffer.concat([document, Buffer.alloc(size - document.length, 0x20)]);
}

async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
