import { afterEach, describe, expect, test } from 'vitest';
import {
  freshDataDir,
  runCli,
  runShell,
  startServer,
  type RunningServer,
  PROCESS_TIMEOUT,
} from './processes.js';

const STACK_FRAME = /^\s+at /m;
const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function signInStatus(server: RunningServer, email: string, password: string) {
  const response = await fetch(`${server.url}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

function printedPassword(stdout: string): string {
  const match = /Password: (\S+)/.exec(stdout);
  if (!match) throw new Error(`no password in: ${stdout}`);
  return match[1]!;
}

const withStdin = (input: string, args: string) =>
  `printf '%s' '${input}' | node_modules/.bin/repruv-server ${args}`;

describe('repruv-server admin', PROCESS_TIMEOUT, () => {
  test('create makes an operator who signs in; set-password and remove take effect', async () => {
    const dir = freshDataDir();
    const created = await runCli(['admin', 'create', '--email', 'Ops@Example.com'], {
      PGLITE_DIR: dir,
    });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created the operator ops@example.com.');
    const password = printedPassword(created.stdout);
    expect(password.length).toBeGreaterThanOrEqual(24);

    const reset = await runShell(
      withStdin(
        'a passphrase from stdin',
        'admin set-password --email ops@example.com --password-stdin',
      ),
      { PGLITE_DIR: dir },
    );
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain('Password:');

    const listed = await runCli(['admin', 'list'], { PGLITE_DIR: dir });
    expect(listed.stdout).toMatch(/^ops@example\.com\tnever signed in$/m);

    const server = await startServer({ PGLITE_DIR: dir });
    running.push(server);
    expect(await signInStatus(server, 'ops@example.com', password)).toBe(401);
    expect(await signInStatus(server, 'ops@example.com', 'a passphrase from stdin')).toBe(200);
    // An operator exists, so no demo operator is made.
    running.splice(0);
    const stopped = await server.stop();
    expect(stopped.stdout).not.toContain('demo operator');

    expect(
      (await runCli(['admin', 'remove', '--email', 'ops@example.com'], { PGLITE_DIR: dir })).code,
    ).toBe(0);
    expect((await runCli(['admin', 'list'], { PGLITE_DIR: dir })).stdout.trim()).toBe('');
  });

  test('refuses clearly: a short password, an e-mail taken or unknown, a missing flag', async () => {
    const dir = freshDataDir();
    // One at a time: the embedded folder takes one process at once.
    type Run = () => Promise<{ code: number | null; stdout: string; stderr: string }>;
    const cases: Array<[Run, RegExp]> = [
      [
        () =>
          runShell(withStdin('too short', 'admin create --email a@example.com --password-stdin'), {
            PGLITE_DIR: dir,
          }),
        /at least 12 characters/,
      ],
      [() => runCli(['admin', 'create'], { PGLITE_DIR: dir }), /admin create needs --email/],
      [
        () => runCli(['admin', 'create', '--email', 'not-an-address'], { PGLITE_DIR: dir }),
        /Not an e-mail address/,
      ],
    ];
    for (const [run, message] of cases) {
      const result = await run();
      expect(result.code).toBe(1);
      expect(result.stderr + result.stdout).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_FRAME);
    }
    expect(
      (await runCli(['admin', 'create', '--email', 'b@example.com'], { PGLITE_DIR: dir })).code,
    ).toBe(0);
    const taken = await runCli(['admin', 'create', '--email', 'B@example.com'], {
      PGLITE_DIR: dir,
    });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/exists already/);
    expect(taken.stderr).not.toMatch(STACK_FRAME);
    const unknown = await runCli(['admin', 'set-password', '--email', 'c@example.com'], {
      PGLITE_DIR: dir,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/No operator has the e-mail c@example.com/);
  });

  test('refuses while a server holds the embedded folder', async () => {
    const dir = freshDataDir();
    const server = await startServer({ PGLITE_DIR: dir });
    running.push(server);
    const refused = await runCli(['admin', 'create', '--email', 'late@example.com'], {
      PGLITE_DIR: dir,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`pid ${server.child.pid}`);
    expect(refused.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('the demo operator of a development start', PROCESS_TIMEOUT, () => {
  test('is made once, printed at every start until its password is changed', async () => {
    const dir = freshDataDir();
    const first = await startServer({ PGLITE_DIR: dir });
    const firstRun = await first.stop();
    const match = /demo operator admin@localhost, password (\S+) \(development only/.exec(
      firstRun.stdout,
    );
    expect(match).not.toBeNull();
    const password = match![1]!;

    const second = await startServer({ PGLITE_DIR: dir });
    running.push(second);
    expect(await signInStatus(second, 'admin@localhost', password)).toBe(200);
    running.splice(0);
    expect((await second.stop()).stdout).toContain(`password ${password} (development only`);

    const changed = await runShell(
      withStdin(
        'my own console passphrase',
        'admin set-password --email admin@localhost --password-stdin',
      ),
      { PGLITE_DIR: dir },
    );
    expect(changed.code).toBe(0);
    const third = await startServer({ PGLITE_DIR: dir });
    const thirdRun = await third.stop();
    expect(thirdRun.stdout).not.toContain(password);
    expect(thirdRun.stdout).not.toContain('demo operator');
  });

  test('REPRUV_DEMO_DATA=1 adds 30 days of traffic for the console, once', async () => {
    const dir = freshDataDir();
    const first = await startServer({ PGLITE_DIR: dir, REPRUV_DEMO_DATA: '1' });
    expect((await first.stop()).stdout).toContain('Added 30 days of demo traffic for the console');
    const second = await startServer({ PGLITE_DIR: dir, REPRUV_DEMO_DATA: '1' });
    expect((await second.stop()).stdout).not.toContain('Added 30 days');
  });

  test('is not made in production', async () => {
    const dir = freshDataDir();
    const server = await startServer({
      PGLITE_DIR: dir,
      NODE_ENV: 'production',
      CLAUDE_API_KEY: 'not-a-real-key',
      CLAUDE_BASE_URL: 'http://127.0.0.1:9',
      AUTH_JWT_SECRET: 'a-production-secret-that-is-long-enough',
    });
    const run = await server.stop();
    expect(run.stdout).not.toContain('demo operator');
    expect((await runCli(['admin', 'list'], { PGLITE_DIR: dir })).stdout.trim()).toBe('');
  });
});
