import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a process's CPU went, by what the work was for; shares of its busy time (0–1). */
export type CpuBreakdown = Record<CpuCategory, number>;

export type CpuCategory =
  | 'queries'
  | 'validation'
  | 'jwt'
  | 'logging'
  | 'http'
  | 'claude client'
  | 'server code'
  | 'other packages'
  | 'node internals'
  | 'gc'
  | 'startup';

/** Packages and the server's own modules, by what they do. */
const CODE_RULES: Array<[CpuCategory, RegExp]> = [
  [
    'queries',
    /node_modules\/(pg|pg-protocol|pg-pool|pg-types|knex|objection|tarn|@electric-sql)\//,
  ],
  ['validation', /node_modules\/(zod|ajv)\/|\/dist\/http\/(validate|schemas?)/],
  ['jwt', /node_modules\/jose\/|\/dist\/auth\//],
  [
    'logging',
    /node_modules\/(pino|pino-std-serializers|sonic-boom|prom-client)\/|\/dist\/observability\//,
  ],
  ['claude client', /node_modules\/@anthropic-ai\/sdk\/|\/dist\/llm\//],
  ['http', /node_modules\/(koa|@koa\/[^/]+|koa-compose|on-finished|delegates|statuses)\//],
  ['server code', /\/dist\//],
  ['other packages', /node_modules\//],
];

/** Node's own modules and V8's native entries, counted only where no package or module called them. */
const RUNTIME_RULES: Array<[CpuCategory, RegExp]> = [
  ['http', /^node:(_http|net|internal\/stream_base_commons)/],
  ['startup', /^node:internal\/(modules|bootstrap)/],
  ['claude client', /undici/],
];
const NATIVE: Record<string, CpuCategory> = {
  '(garbage collector)': 'gc',
  internalModuleStat: 'startup',
  readFileUtf8: 'startup',
  compileFunction: 'startup',
};

/**
 * The busy time of every `.cpuprofile` in `dir` (each thread of a `--cpu-prof` process writes its
 * own), by category.
 */
export function cpuBreakdown(dir: string): { busyMs: number; shares: CpuBreakdown } {
  const categories = [...CODE_RULES, ...RUNTIME_RULES].map(([category]) => category);
  const totals = Object.fromEntries(
    [...categories, 'gc', 'node internals'].map((category) => [category, 0]),
  ) as CpuBreakdown;
  let busy = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parentOf.set(child, node.id);
    // A sample counts for the innermost frame of a package or server module on its stack (a socket
    // write under the pg driver is a query, one under Koa is HTTP); failing that, for Node's own.
    const categorize = (id: number): CpuCategory => {
      let runtime: CpuCategory | undefined;
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
        const { functionName, url } = byId.get(at)!.callFrame;
        const code = CODE_RULES.find(([, pattern]) => pattern.test(url));
        if (code) return code[0];
        runtime ??=
          NATIVE[functionName] ?? RUNTIME_RULES.find(([, pattern]) => pattern.test(url))?.[0];
      }
      return runtime ?? 'node internals';
    };
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      if (node.callFrame.functionName === '(idle)') return;
      const micros = profile.timeDeltas[i] ?? 0;
      busy += micros;
      totals[categorize(id)] += micros;
    });
  }
  const shares = Object.fromEntries(
    Object.entries(totals).map(([category, micros]) => [category, busy ? micros / busy : 0]),
  ) as CpuBreakdown;
  return { busyMs: busy / 1000, shares };
}
