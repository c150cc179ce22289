import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVER_MAIN = path.join(REPO_ROOT, 'packages/server/dist/main.js');
const CLI = path.join(REPO_ROOT, 'node_modules/.bin/repruv-server');

/** Each test starts real processes, seconds apiece on a busy machine: a cap, not a speed check. */
export const PROCESS_TIMEOUT = { timeout: 120_000 };

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a process of the real server or CLI: development, demo replies, quiet JSON logs. */
export function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_FORMAT: 'json' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'CLAUDE_API_KEY', 'ANTHROPIC_API_KEY', 'PORT']) {
    delete env[name];
  }
  return { ...env, ...extra };
}

export function freshDataDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'repruv-cli-')), 'data');
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the linked `repruv-server` command (as `npx repruv-server` would) to its end. */
export function runCli(args: string[], env: Record<string, string>): Promise<Finished> {
  return finished(spawn(CLI, args, { env: processEnv(env), cwd: REPO_ROOT }));
}

/** Runs a shell command line from the README, from the repository root. */
export function runShell(line: string, env: Record<string, string>): Promise<Finished> {
  return finished(spawn('bash', ['-c', line], { env: processEnv(env), cwd: REPO_ROOT }));
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<Finished>;
}

/** Starts `node packages/server/dist/main.js` and waits until it says where it listens. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: processEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
  });
  const done = finished(child);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/[^\s"]+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    void done.then((result) =>
      reject(new Error(`server exited (${result.code}) before listening:\n${result.stderr}`)),
    );
  });
  return {
    child,
    url,
    stop: () => {
      child.kill('SIGTERM');
      return done;
    },
  };
}

/** Starts the server expecting it to refuse: resolves with how it ended. */
export function startServerExpectingExit(env: Record<string, string>): Promise<Finished> {
  return finished(
    spawn(process.execPath, [SERVER_MAIN], { env: processEnv({ HOST: '127.0.0.1', ...env }) }),
  );
}
