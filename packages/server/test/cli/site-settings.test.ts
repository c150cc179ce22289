/**
 * `repruv-server sites add | set | rotate-secret | list` with the per-site visitor settings, run as
 * processes; on PostgreSQL beside a running server, which must see each change within seconds.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/http.js';
import {
  freshDataDir,
  runCli,
  startServer,
  type Finished,
  type RunningServer,
  PROCESS_TIMEOUT,
} from './processes.js';

const STACK_FRAME = /^\s+at /m;
const ORIGIN = 'https://blog.example.com';
/** The machine's PostgreSQL, as CI starts it (DATABASE_URL names another). */
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function field(stdout: string, label: string): string {
  const match = new RegExp(`${label}: (\\S+)`).exec(stdout);
  if (!match) throw new Error(`no "${label}" in: ${stdout}`);
  return match[1]!;
}

function expectRefused(result: Finished, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(STACK_FRAME);
}

describe('sites add, set, rotate-secret and list on the embedded database', PROCESS_TIMEOUT, () => {
  test('the settings are taken, shown by list, and the secret is shown only when made', async () => {
    const env = { PGLITE_DIR: freshDataDir() };
    const added = await runCli(
      [
        'sites',
        'add',
        '--name',
        'Blog',
        '--origin',
        ORIGIN,
        '--challenge',
        'on',
        '--identity',
        'required',
        '--daily-budget-usd',
        '12.5',
        '--fallback-model',
        'claude-haiku-4-5',
      ],
      env,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const siteKey = field(added.stdout, 'Site key');
    const secret = field(added.stdout, 'Identity secret');
    expect(secret).toMatch(/^sk_id_[0-9a-f]{48}$/);
    expect(added.stdout).toContain('shown once; keep it on your server');
    expect(added.stdout).toContain(
      'challenge=on identity=required daily_budget_usd=12.5 fallback_model=claude-haiku-4-5',
    );

    const set = await runCli(
      [
        'sites',
        'set',
        '--key',
        siteKey,
        '--challenge',
        'off',
        '--daily-budget-usd',
        'none',
        '--fallback-model',
        'none',
      ],
      env,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(
      `Updated ${siteKey}: challenge=off identity=required daily_budget_usd=none fallback_model=none`,
    );
    expect(set.stdout).not.toContain(secret);

    const rotated = await runCli(['sites', 'rotate-secret', '--key', siteKey], env);
    expect(rotated.code).toBe(0);
    const newSecret = field(rotated.stdout, `New identity secret for ${siteKey}`);
    expect(newSecret).toMatch(/^sk_id_[0-9a-f]{48}$/);
    expect(newSecret).not.toBe(secret);
    expect(rotated.stdout).toContain('shown once; keep it on your server');

    const listed = await runCli(['sites', 'list'], env);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(siteKey))!;
    expect(line).toContain(ORIGIN);
    expect(line).toContain(
      'challenge=off identity=required daily_budget_usd=none fallback_model=none',
    );
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(newSecret);
  });

  test('a wrong value is named, without a stack trace, and nothing is opened', async () => {
    // memory:// would be a database of its own each time: the refusals come before any is opened.
    const env = { PGLITE_DIR: 'memory://' };
    const base = ['sites', 'add', '--name', 'Blog', '--origin', ORIGIN];
    expectRefused(
      await runCli([...base, '--challenge', 'maybe'], env),
      /--challenge: expected on or off, got "maybe"/,
    );
    expectRefused(
      await runCli([...base, '--identity', 'yes'], env),
      /--identity: expected optional or required/,
    );
    for (const budget of ['-1', 'lots', '1e9', '']) {
      expectRefused(
        await runCli([...base, `--daily-budget-usd=${budget}`], env),
        /--daily-budget-usd: expected US dollars/,
      );
    }
    expectRefused(
      await runCli([...base, '--fallback-model', 'no spaces please'], env),
      /--fallback-model: expected a Claude model id/,
    );
    expectRefused(
      await runCli(['sites', 'set', '--challenge', 'on'], env),
      /sites set needs --key/,
    );
    expectRefused(
      await runCli(['sites', 'set', '--key', 'pk_x'], env),
      /sites set needs at least one of/,
    );
    expectRefused(await runCli(['sites', 'rotate-secret'], env), /sites rotate-secret needs --key/);
    expectRefused(
      await runCli(['sites', 'add', '--name', 'B', '--origin', 'ftp://x.example'], env),
      /Origin must be http\(s\)/,
    );
  });

  test('sites set refuses while a server holds the folder, and changes nothing', async () => {
    const dir = freshDataDir();
    const added = await runCli(['sites', 'add', '--name', 'Blog', '--origin', ORIGIN], {
      PGLITE_DIR: dir,
    });
    const siteKey = field(added.stdout, 'Site key');
    const server = await startServer({ PGLITE_DIR: dir });
    try {
      const refused = await runCli(['sites', 'set', '--key', siteKey, '--challenge', 'on'], {
        PGLITE_DIR: dir,
      });
      expectRefused(refused, /one process at a time/);
      expect(await guestStatus(server, siteKey)).toBe(200);
    } finally {
      await server.stop();
    }
    const listed = await runCli(['sites', 'list'], { PGLITE_DIR: dir });
    expect(listed.stdout).toContain('challenge=off');
  });
});

async function guestStatus(
  server: RunningServer,
  siteKey: string,
  extra: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}/api/v1/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({ site_key: siteKey, ...extra }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return response.status === 200 ? 200 : `${response.status} ${body.error?.code}`;
}

describe('on PostgreSQL, beside a running server', PROCESS_TIMEOUT, () => {
  let database: TestDatabase & { url: string };
  let server: RunningServer | undefined;
  beforeAll(async () => {
    try {
      database = await createPostgresDatabase(POSTGRES_URL);
    } catch (error) {
      throw new Error(
        `This test runs the CLI beside a server on PostgreSQL, and found none at ${POSTGRES_URL} ` +
          `(${String(error)}). Start PostgreSQL there, or set DATABASE_URL to one.`,
      );
    }
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('each change takes effect on the running server within seconds', async () => {
    const env = { DATABASE_URL: database.url };
    // It polls for guest tokens: more than the 10 a minute a visitor's address may get.
    server = await startServer({ ...env, GUEST_TOKENS_PER_IP_PER_MINUTE: '100000' });
    const added = await runCli(['sites', 'add', '--name', 'Blog', '--origin', ORIGIN], env);
    expect(added.code).toBe(0);
    const siteKey = field(added.stdout, 'Site key');
    const secret = field(added.stdout, 'Identity secret');
    const running = server;
    // A site added while the server runs is served (its origin too, for CORS).
    await eventually(async () => (await guestStatus(running, siteKey)) === 200, 15_000);

    expect((await runCli(['sites', 'set', '--key', siteKey, '--challenge', 'on'], env)).code).toBe(
      0,
    );
    await eventually(
      async () => (await guestStatus(running, siteKey)) === '401 challenge_required',
      15_000,
    );

    const hash = (key: string) => createHmac('sha256', key).update('reader-1').digest('hex');
    const asReader = (key: string) =>
      guestStatus(running, siteKey, { user_id: 'reader-1', user_hash: hash(key) });
    expect(await asReader(secret)).toBe(200); // a verified user skips the challenge

    expect(
      (
        await runCli(
          ['sites', 'set', '--key', siteKey, '--challenge', 'off', '--identity', 'required'],
          env,
        )
      ).code,
    ).toBe(0);
    await eventually(
      async () => (await guestStatus(running, siteKey)) === '401 unauthorized',
      15_000,
    );

    const rotated = await runCli(['sites', 'rotate-secret', '--key', siteKey], env);
    const newSecret = field(rotated.stdout, `New identity secret for ${siteKey}`);
    await eventually(async () => (await asReader(newSecret)) === 200, 15_000);
    expect(await asReader(secret)).toBe('401 unauthorized');
  });

  test('set and rotate-secret of an unknown key say so and exit 1', async () => {
    const env = { DATABASE_URL: database.url };
    const set = await runCli(['sites', 'set', '--key', 'pk_live_nope', '--challenge', 'on'], env);
    expect(set.code).toBe(1);
    expect(set.stdout).toContain('No site has the key pk_live_nope.');
    const rotated = await runCli(['sites', 'rotate-secret', '--key', 'pk_live_nope'], env);
    expect(rotated.code).toBe(1);
    expect(rotated.stdout).toContain('No site has the key pk_live_nope.');
  });
});
