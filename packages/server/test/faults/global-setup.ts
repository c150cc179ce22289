import { execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  asPostgres,
  freePort,
  killRedisServer,
  pgCtl,
  REPO_ROOT,
  startRedisServer,
  type Infrastructure,
} from './infra.js';

declare module 'vitest' {
  export interface ProvidedContext {
    infra: Infrastructure;
  }
}

/**
 * Builds the server once, then starts a private PostgreSQL cluster (initdb in a temp dir, run as the
 * `postgres` OS user when we are root, on a free port) and a private Redis; both are torn down at
 * the end, failure or not.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    execFileSync('npm', ['run', 'build', '-w', '@repruv/server'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`building the server failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'repruv-faults-'));
  if (process.getuid?.() === 0) chownSync(dir, pgUid(), pgGid());
  let redis: ChildProcess | undefined;
  let pgStarted = false;
  const infra: Infrastructure = {
    pgDataDir: join(dir, 'data'),
    pgSocketDir: dir,
    pgLog: join(dir, 'postgres.log'),
    pgPort: await freePort(),
    redisPort: await freePort(),
    adminUrl: '',
    redisUrl: '',
  };
  infra.adminUrl = `postgres://postgres@127.0.0.1:${infra.pgPort}/postgres`;
  infra.redisUrl = `redis://127.0.0.1:${infra.redisPort}`;

  const teardown = async () => {
    await killRedisServer(redis);
    if (pgStarted) {
      try {
        pgCtl(infra, ['stop', '-m', 'immediate']);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    asPostgres('initdb', ['-D', infra.pgDataDir, '-A', 'trust', '-U', 'postgres'], 60_000);
    pgStarted = true;
    pgCtl(infra, ['start']);

    redis = await startRedisServer(infra.redisPort);
  } catch (error) {
    const log = existsSync(infra.pgLog) ? readFileSync(infra.pgLog, 'utf8').slice(-4000) : '';
    await teardown();
    throw new Error(`starting PostgreSQL or Redis failed: ${String(error)}\n${log}`);
  }

  project.provide('infra', infra);
  return teardown;
}

function pgUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
}

function pgGid(): number {
  return Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
}
