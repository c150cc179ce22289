import { round2 } from './stats.js';

interface Results {
  bundles?: { deepChatRatio: number };
  firstToken?: FirstTokenRow[];
  firstTokenInstant?: FirstTokenRow[];
  capacity?: Array<{
    streams: number;
    repruvAddedGapP99: number;
    rssPerStreamKb: number;
    repruvCompleted: number;
    repruvCpu: CpuPerToken;
    floorCpu: CpuPerToken;
  }>;
  history?: {
    rows: Array<{ keysetP99: number; httpP99: number }>;
    tree?: {
      depth: number;
      forkEvery: number;
      rows: Array<{ keysetP99: number | null; httpP99: number; informative?: boolean }>;
    };
  };
  widgetRender?: Array<{ widget: string; longTasks: number }>;
  abuse?: { pooled: { p99Ratio: number } };
  memory?: Array<{ database: string; idleMb: number }>;
  search?: {
    messages: number;
    overall: Array<{ user: string; messages: number; httpP99: number; goalMs: number }>;
  };
  analytics?: { messages: number; rows: Array<{ endpoint: string; p99: number }> };
}

interface FirstTokenRow {
  target: string;
  addedP50: { median: number };
  addedP99: { median: number };
}

interface CpuPerToken {
  target: number;
  upstream: number;
  loadGenerator: number;
  postgres: number;
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
  if (results.firstTokenInstant) {
    const ours = results.firstTokenInstant.find((r) => r.target.startsWith('Repruv'))!;
    const peer = results.firstTokenInstant.find((r) => r.target.startsWith('AI SDK'))!;
    lines.push(
      `- With a Claude that answers at once, added first-token p50 no more than the AI SDK route's (${round2(peer.addedP50.median)} ms): ${round2(ours.addedP50.median)} ms — ${verdict(ours.addedP50.median <= peer.addedP50.median)}.`,
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
    const { tree } = results.history;
    if (tree) {
      const reads = tree.rows.filter((r) => !r.informative);
      const worstRead = Math.max(...reads.map((r) => Math.max(r.keysetP99 ?? 0, r.httpP99)));
      lines.push(
        `- Tree: current branch p99 ≤ 10 ms at any depth (${tree.depth.toLocaleString('en')} deep, a fork every ${tree.forkEvery}; branch SQL and HTTP): worst ${round2(worstRead)} ms — ${verdict(worstRead <= 10)}.`,
      );
    }
  }
  if (results.analytics) {
    const worst = results.analytics.rows.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    lines.push(
      `- Every analytics and feedback endpoint of the console p99 ≤ 200 ms over ${results.analytics.messages.toLocaleString('en')} messages and 90 days: worst ${round2(worst.p99)} ms (${worst.endpoint}) — ${verdict(worst.p99 <= 200)}.`,
    );
  }
  for (const user of results.search?.overall ?? []) {
    lines.push(
      `- Search p99 ≤ ${user.goalMs} ms for a user with ${user.messages.toLocaleString('en')} messages in a database of ${results.search!.messages.toLocaleString('en')} (HTTP, every query of the section): ${round2(user.httpP99)} ms — ${verdict(user.httpP99 <= user.goalMs)}.`,
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
  if (results.abuse) {
    const ratio = results.abuse.pooled.p99Ratio;
    lines.push(
      `- A signed-in user's first-token p99 while 50 guests hammer stays within 2× of the quiet run: ${round2(ratio)}× — ${verdict(ratio <= 2)}.`,
    );
  }
  for (const embedded of results.memory?.filter((row) => row.database.startsWith('PGlite')) ?? []) {
    lines.push(
      `- The embedded default (${embedded.database}) idles under 200 MB: ${Math.round(embedded.idleMb)} MB — ${verdict(embedded.idleMb < 200)}.`,
    );
  }
  if (results.capacity) lines.push('', ...capacityLimits(results.capacity));
  return lines;
}

/** What the 2,000-stream step needs of the machine, from the CPU each process spent per token. */
function capacityLimits(steps: NonNullable<Results['capacity']>): string[] {
  const step = steps.find((r) => r.streams === 2000) ?? steps.at(-1)!;
  const tokensPerSecond = step.streams * 20;
  const cores = (...microseconds: number[]) =>
    round2((tokensPerSecond * microseconds.reduce((sum, us) => sum + Math.max(0, us), 0)) / 1e6);
  const ours = step.repruvCpu;
  const floor = step.floorCpu;
  const harness = cores(ours.upstream, ours.loadGenerator, ours.postgres);
  const budget = Math.round(((2 - harness) * 1e6) / tokensPerSecond);
  return [
    `What limits capacity here: CPU. ${step.streams.toLocaleString('en')} streams at 20 tokens/s are ${tokensPerSecond.toLocaleString('en')} tokens a second, and every process on a token's way spends CPU on it (measured in this run, µs per token): the fake upstream ${Math.round(ours.upstream)}, the load generator ${Math.round(ours.loadGenerator)}, PostgreSQL ${Math.round(ours.postgres)} (checkpoints), the bare pass-through ${Math.round(floor.target)}, Repruv ${Math.round(ours.target)}. At full concurrency the harness and PostgreSQL need ${harness} of the 2 cores, which leaves the server ${budget} µs per token: less than or about what the pass-through, which parses and stores nothing, spends (${Math.round(floor.target)} µs). Repruv at ${Math.round(ours.target)} µs needs ${cores(ours.target)} cores for itself. Most of a token's cost is system calls (a read and a write per token per hop, 5–20 µs each in this VM) and the SDK's parsing of Claude's events; the server's two threads (HTTP, Claude) spread it over both cores, which is what made 1,000 streams fit.`,
    '',
    'Fixed on the way (each measured with this bench): checkpoints batched into one UPDATE per 100 ms; SSE frames written straight to the response, without a stream per token; the SDK reading Claude over node:http (its `fetch` option) instead of undici fetch and web streams (78 → 64 µs per token); Claude read on a thread of its own, so the main thread keeps the HTTP side (at 1,000 streams the p99 added gap went from 63 to 27 ms and first-token p99 from 1.4 s to 0.15 s); Claude asked before the database answers; a planner trap (a global index on `seq`) removed.',
  ];
}
