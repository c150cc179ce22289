/**
 * Runs the fake Claude upstream on its own, for benchmarks and manual runs:
 *
 *   npx tsx packages/server/test/support/fake-claude-cli.ts --port 4010 --tps 20 --tokens 200
 *
 * then start the server with CLAUDE_BASE_URL set to the printed URL. Every reply streams
 * `--tokens` chunks (one token each) at `--tps` tokens a second; without `--tokens` it
 * echoes the last user message. With `--instant-first`, a paced reply's first chunk leaves at once.
 */
import { parseArgs } from 'node:util';
import { startFakeClaude } from './fake-claude.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    tps: { type: 'string' },
    tokens: { type: 'string' },
    'instant-first': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'usage: fake-claude-cli [--port 4010] [--tps <tokens per second>] [--tokens <n>] [--instant-first]',
  );
  process.exit(0);
}

const port = integerArg('port', values.port, 0);
const tokensPerSecond = values.tps === undefined ? undefined : integerArg('tps', values.tps, 1);
const tokens = values.tokens === undefined ? undefined : integerArg('tokens', values.tokens, 1);

const fake = await startFakeClaude({
  port,
  instantFirstChunk: values['instant-first'],
  ...(tokensPerSecond ? { tokensPerSecond } : {}),
});
if (tokens !== undefined) {
  const chunks = Array.from({ length: tokens }, (_, i) => (i === 0 ? 'Token' : ` token${i}`));
  fake.setDefault({ kind: 'text', chunks });
}
console.log(`fake Claude listening on ${fake.url}`);

let served = 0;
const report = setInterval(() => {
  if (fake.requests.length === 0) return;
  served += fake.requests.length;
  fake.requests.length = 0; // a long benchmark would otherwise keep every request body
  console.log(`${served} requests served`);
}, 5000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(report);
    void fake.close().then(() => process.exit(0));
  });
}

function integerArg(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be an integer >= ${min}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
