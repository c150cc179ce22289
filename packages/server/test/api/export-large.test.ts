import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { createSession, insertChain } from '../support/contract.js';
import { freshUser } from '../support/search-api.js';
import { useTestServer } from '../support/test-server.js';
import { alternating } from '../support/tree-rows.js';

const t = useTestServer();

// Live memory, not garbage not yet collected: a full collection before each sample.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MESSAGES = 2_000;
const CHARS = 20_000;

/** Reads `response` to its end, counting bytes and sampling the live heap as it goes. */
async function drain(
  response: Response,
): Promise<{ bytes: number; chunks: number; peakHeap: number; tail: string }> {
  const reader = response.body!.getReader();
  let bytes = 0;
  let chunks = 0;
  let peakHeap = 0;
  let tail = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    chunks += 1;
    tail = Buffer.from(value.subarray(-200)).toString('latin1');
    if (chunks % 25 === 0) {
      collectGarbage();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  }
  return { bytes, chunks, peakHeap, tail };
}

test(`a ${MESSAGES}-message conversation of ${(MESSAGES * CHARS) / 1e6} MB exports whole, streamed, its memory bounded`, async () => {
  const as = freshUser();
  const session = await createSession(t, as, { title: 'Long one' });
  let parent: string | null = null;
  for (let batch = 0; batch < MESSAGES / 200; batch++) {
    const rows = alternating(200, `m${batch}-`).map((row) => ({
      ...row,
      content: `${row.content} ${'x'.repeat(CHARS)}`,
    }));
    const ids: string[] = await insertChain(t, session.id, rows, parent);
    parent = ids.at(-1)!;
  }
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  const response = await t.request(`/chat/sessions/${session.id}/export?format=json`, { as });
  expect(response.status).toBe(200);
  const { bytes, chunks, peakHeap, tail } = await drain(response);
  expect(bytes).toBeGreaterThan(MESSAGES * CHARS);
  expect(tail.trimEnd().endsWith(']}')).toBe(true);
  expect(chunks).toBeGreaterThan(100);
  // A document built whole would hold its 40 MB string and the 40 MB of messages behind it; a
  // chunk of 100 messages is 2 MB.
  expect(peakHeap - baseline).toBeLessThan((MESSAGES * CHARS) / 4);
}, 120_000);
