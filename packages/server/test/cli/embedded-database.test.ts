import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  freshDataDir,
  runCli,
  startServer,
  startServerExpectingExit,
  type RunningServer,
  PROCESS_TIMEOUT,
} from './processes.js';

const STACK_FRAME = /^\s+at /m;
const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function guestTokenStatus(server: RunningServer, origin: string, siteKey: string) {
  const response = await fetch(`${server.url}/api/v1/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ site_key: siteKey }),
  });
  return response.status;
}

function siteKeyFrom(stdout: string): string {
  const match = /Site key: (\S+)/.exec(stdout);
  if (!match) throw new Error(`no site key in: ${stdout}`);
  return match[1]!;
}

describe('one process at a time on the embedded database folder', PROCESS_TIMEOUT, () => {
  test('the CLI refuses while a server holds the folder, and nothing is lost', async () => {
    const dir = freshDataDir();
    const first = await startServer({ PGLITE_DIR: dir });
    running.push(first);

    const refused = await runCli(
      ['sites', 'add', '--name', 'Blog', '--origin', 'https://blog.example.com'],
      { PGLITE_DIR: dir },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`pid ${first.child.pid}`);
    expect(refused.stderr).toContain(first.url);
    expect(refused.stderr).toMatch(/one process at a time/);
    expect(refused.stderr).not.toMatch(STACK_FRAME);

    running.splice(0);
    expect((await first.stop()).code).toBe(0);
    expect(existsSync(path.join(dir, 'repruv-server.lock'))).toBe(false);

    const added = await runCli(
      ['sites', 'add', '--name', 'Blog', '--origin', 'https://blog.example.com'],
      { PGLITE_DIR: dir },
    );
    expect(added.code).toBe(0);
    const siteKey = siteKeyFrom(added.stdout);

    const again = await startServer({ PGLITE_DIR: dir });
    running.push(again);
    expect(await guestTokenStatus(again, 'https://blog.example.com', siteKey)).toBe(200);
  });

  test('a second server on the same folder refuses before touching the data', async () => {
    const dir = freshDataDir();
    const first = await startServer({ PGLITE_DIR: dir });
    running.push(first);

    const second = await startServerExpectingExit({ PGLITE_DIR: dir, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`A Repruv server (pid ${first.child.pid}, ${first.url})`);
    expect(second.stderr).not.toMatch(STACK_FRAME);
    // The first server still owns the folder and serves from it.
    expect(await guestTokenStatus(first, 'http://localhost:3000', 'pk_dev')).toBe(200);
    expect(existsSync(path.join(dir, 'repruv-server.lock'))).toBe(true);
  });

  test('a lock left by a killed server does not block the next start', async () => {
    const dir = freshDataDir();
    const crashed = await startServer({ PGLITE_DIR: dir });
    crashed.child.kill('SIGKILL');
    await crashed.stop();
    expect(existsSync(path.join(dir, 'repruv-server.lock'))).toBe(true);

    const next = await startServer({ PGLITE_DIR: dir });
    running.push(next);
    expect(await guestTokenStatus(next, 'http://localhost:3000', 'pk_dev')).toBe(200);
  });
});

describe('a port that is taken', PROCESS_TIMEOUT, () => {
  let blocker: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())),
  );

  test('names PORT, prints no stack trace and frees the database folder', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = freshDataDir();

    const result = await startServerExpectingExit({ PGLITE_DIR: dir, PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
    expect(result.stderr).toMatch(/PORT=\d+ npm start/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(path.join(dir, 'repruv-server.lock'))).toBe(false);
  });
});
