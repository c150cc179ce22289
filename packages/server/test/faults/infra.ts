import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** What the global setup started, handed to the test files through `inject('infra')`. */
export interface Infrastructure {
  pgDataDir: string;
  pgSocketDir: string;
  pgLog: string;
  pgPort: number;
  redisPort: number;
  /** The cluster's `postgres` database, for creating one database per test file. */
  adminUrl: string;
  redisUrl: string;
}

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/<version>/bin), or PG_BIN_DIR. */
export const PG_BIN_DIR =
  process.env.PG_BIN_DIR ??
  (() => {
    const versions = existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name))
      : [];
    const newest = versions.sort((x, y) => Number(y) - Number(x))[0];
    return newest ? `/usr/lib/postgresql/${newest}/bin` : '/usr/lib/postgresql/15/bin';
  })();

/** Runs a PostgreSQL program as the `postgres` OS user (initdb and postgres refuse root). */
export function asPostgres(program: string, args: string[], timeoutMs = 90_000): void {
  const path = `${PG_BIN_DIR}/${program}`;
  if (process.getuid?.() === 0) {
    execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], {
      stdio: 'ignore',
      timeout: timeoutMs,
    });
  } else {
    execFileSync(path, args, { stdio: 'ignore', timeout: timeoutMs });
  }
}

/** A TCP port nobody listens on right now (on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs pg_ctl (as the `postgres` OS user when we are root): `start`, `stop -m fast`, `restart -m fast`, … (waits). */
export function pgCtl(infra: Infrastructure, args: string[]): void {
  const [action, ...rest] = args;
  const startOptions =
    action === 'start' || action === 'restart'
      ? [
          '-o',
          `-p ${infra.pgPort} -k ${infra.pgSocketDir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
          '-l',
          infra.pgLog,
        ]
      : [];
  asPostgres('pg_ctl', [
    '-D',
    infra.pgDataDir,
    '-w',
    '-t',
    '60',
    ...startOptions,
    action!,
    ...rest,
  ]);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy; fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T>,
  timeoutMs: number,
  what = 'condition',
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

/** A redis-server on 127.0.0.1:`port` that keeps nothing on disk, once it accepts connections. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(async () => {
    if (redis.exitCode !== null) throw new Error('redis-server exited at start');
    return canConnect(port);
  }, 10_000);
  return redis;
}

/** Kills a redis-server (SIGKILL, as a crash would) and waits for it to be gone. */
export async function killRedisServer(redis: ChildProcess | undefined): Promise<void> {
  if (!redis || redis.exitCode !== null) return;
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  redis.kill('SIGKILL');
  await exited;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
