import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import {
  finished,
  processEnv,
  REPO_ROOT,
  startServer,
  type RunningServer,
  PROCESS_TIMEOUT,
} from './processes.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

const JSON_LINE = /^\{"level":\d+/m;

test('logs are JSON when standard output is not a terminal', PROCESS_TIMEOUT, async () => {
  const server = await startServer({ PGLITE_DIR: 'memory://', LOG_FORMAT: '' });
  running.push(server);
  running.splice(0);
  const { stdout } = await server.stop();
  const lines = stdout.trim().split('\n');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines) expect(JSON.parse(line)).toHaveProperty('level');
});

/** Runs the server with a real pseudo-terminal (`script`) as its standard output, until it listens. */
async function outputAtTerminal(env: Record<string, string>): Promise<string> {
  const main = path.join(REPO_ROOT, 'packages/server/dist/main.js');
  const child = spawn('script', ['-qfec', `${process.execPath} ${main}`, '/dev/null'], {
    env: processEnv({ PGLITE_DIR: 'memory://', PORT: '0', HOST: '127.0.0.1', ...env }),
  });
  const done = finished(child);
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('listening on')) resolve();
    });
    void done.then(() => reject(new Error(`exited before listening:\n${seen}`)));
  });
  child.kill('SIGTERM');
  await done;
  return seen;
}

test(
  'at a terminal, development logs are one readable line per event',
  PROCESS_TIMEOUT,
  async () => {
    const seen = await outputAtTerminal({ LOG_FORMAT: '' });
    expect(seen).toMatch(/INFO.*Repruv Assistant is listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(seen).not.toMatch(JSON_LINE);
  },
);

test(
  'LOG_FORMAT=json keeps JSON at a terminal, and a bad value is refused by name',
  PROCESS_TIMEOUT,
  async () => {
    expect(await outputAtTerminal({ LOG_FORMAT: 'json' })).toMatch(JSON_LINE);

    const bad = await finished(
      spawn(process.execPath, [path.join(REPO_ROOT, 'packages/server/dist/main.js')], {
        env: processEnv({ PGLITE_DIR: 'memory://', LOG_FORMAT: 'fancy' }),
      }),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('LOG_FORMAT');
  },
);
