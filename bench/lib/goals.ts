import { round2 } from './stats.js';

interface Results {
  bundles?: { deepChatRatio: number };
  firstToken?: Array<{
    target: string;
    addedP50: { median: number };
    addedP99: { median: number };
  }>;
  capacity?: Array<{
    streams: number;
    repruvAddedGapP99: number;
    rssPerStreamKb: number;
    repruvCompleted: number;
  }>;
  history?: { rows: Array<{ keysetP99: number; httpP99: number }> };
  widgetRender?: Array<{ widget: string; longTasks: number }>;
}

const verdict = (met: boolean) => (met ? 'met' : '**not met**');

/** The goals, each with what this run measured. */
export function goalLines(results: Results): string[] {
  const lines = ['', '## Goals', ''];
  if (results.firstToken) {
    const ours = results.firstToken.find((r) => r.target.startsWith('Repruv'))!;
    const peer = results.firstToken.find((r) => r.target.startsWith('AI SDK'))!;
    lines.push(
      `- Added first-token time p50 ≤ 3 ms: ${round2(ours.addedP50.median)} ms — ${verdict(ours.addedP50.median <= 3)}.`,
      `- Added first-token time p99 ≤ 15 ms: ${round2(ours.addedP99.median)} ms — ${verdict(ours.addedP99.median <= 15)}.`,
      `- No slower than the AI SDK route (added p50 ${round2(peer.addedP50.median)} ms): ${verdict(ours.addedP50.median <= peer.addedP50.median)}.`,
    );
  }
  if (results.capacity) {
    const step = results.capacity.find((r) => r.streams === 2000);
    if (step) {
      const met =
        step.repruvAddedGapP99 <= 50 && step.rssPerStreamKb <= 50 && step.repruvCompleted === 2000;
      lines.push(
        `- 2,000 streams with p99 added delay ≤ 50 ms and ≤ 50 KB each: ${step.repruvCompleted} completed, p99 ${round2(step.repruvAddedGapP99)} ms, ${round2(step.rssPerStreamKb)} KB — ${verdict(met)}.`,
      );
    }
  }
  if (results.history) {
    const worst = Math.max(...results.history.rows.map((r) => Math.max(r.keysetP99, r.httpP99)));
    lines.push(
      `- History p99 ≤ 10 ms at any depth (keyset and HTTP): worst ${round2(worst)} ms — ${verdict(worst <= 10)}.`,
    );
  }
  if (results.bundles) {
    lines.push(
      `- Beat deep-chat's bundle by 3.5× or more: ${round2(results.bundles.deepChatRatio)}× — ${verdict(results.bundles.deepChatRatio >= 3.5)}.`,
    );
  }
  if (results.widgetRender) {
    const ours = results.widgetRender.find((r) => r.widget.startsWith('Repruv'))!;
    lines.push(
      `- No long tasks over 50 ms while streaming into the panel: ${ours.longTasks} — ${verdict(ours.longTasks === 0)}.`,
    );
  }
  lines.push(
    '',
    'What limits capacity here (CPU profile of the server at 1,200 streams, 2026-11-25): the server, the fake upstream and',
    'the load generator share 2 cores, and the floor itself degrades past 1,000 streams. In the server, socket writes',
    '(one `writev` per token per stream, about 19 µs each in this sandbox) take 30 % of busy time, the SDK parsing',
    "Claude's event stream 5 %, garbage collection 12 %. Fixed so far: checkpoints batched into one UPDATE per 100 ms,",
    'SSE events written without a promise per token, the raw SDK event stream instead of its message snapshot,',
    'Claude asked while the message commits, verified tokens cached, and a planner trap (a global index on `seq`) removed.',
  );
  return lines;
}
