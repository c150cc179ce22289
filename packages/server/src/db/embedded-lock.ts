import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseOptions } from './connect.js';

/**
 * PGlite is PostgreSQL inside one process: two processes that open the same folder each write
 * their own copy of the data, and whichever closes last wins. This lock file in the folder makes a
 * second process (a server, or the CLI while a server runs) refuse before it reads anything.
 */
const LOCK_FILE = 'repruv-server.lock';

export interface LockHolder {
  pid: number;
  /** "server" or "cli": what is holding the folder. */
  role: string;
  /** The holder's URL, once a server is listening. */
  url?: string;
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
    readonly lockFile: string,
  ) {
    super(describeBusy(folder, holder, lockFile));
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

export interface EmbeddedLock {
  /** Records the URL a server listens on, so that the next process can name it. */
  announce(url: string): void;
  release(): void;
}

const NO_LOCK: EmbeddedLock = { announce: () => undefined, release: () => undefined };

/** Takes the embedded database folder for this process, or throws EmbeddedDatabaseBusyError. */
export function lockEmbeddedDatabase(options: DatabaseOptions, role: string): EmbeddedLock {
  if (options.url || options.pgliteDir === 'memory://') return NO_LOCK;
  mkdirSync(options.pgliteDir, { recursive: true });
  const lockFile = path.join(options.pgliteDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, role };
  createLockFile(lockFile, mine, options.pgliteDir);

  let held = true;
  const releaseOnExit = () => release();
  function release() {
    if (!held) return;
    held = false;
    process.off('exit', releaseOnExit);
    if (readHolder(lockFile)?.pid === process.pid) rmSync(lockFile, { force: true });
  }
  process.on('exit', releaseOnExit);
  return {
    announce(url) {
      if (held) writeFileSync(lockFile, JSON.stringify({ ...mine, url }));
    },
    release,
  };
}

function createLockFile(lockFile: string, mine: LockHolder, folder: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockFile);
    if (holder && isAlive(holder.pid) && holder.pid !== process.pid) {
      throw new EmbeddedDatabaseBusyError(folder, holder, lockFile);
    }
    // Left by a process that died (kill -9, a crash): it holds nothing any more.
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not create ${lockFile}`);
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, role: String(parsed.role ?? 'server'), ...pickUrl(parsed.url) }
      : undefined;
  } catch {
    return undefined;
  }
}

function pickUrl(url: unknown): { url?: string } {
  return typeof url === 'string' ? { url } : {};
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeBusy(folder: string, holder: LockHolder, lockFile: string): string {
  const who =
    holder.role === 'cli'
      ? `A repruv-server command (pid ${holder.pid})`
      : `A Repruv server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''})`;
  return [
    `${who} has the embedded database in ${folder} open.`,
    'The embedded database (PGlite) can be used by one process at a time, so nothing was read or changed.',
    holder.role === 'cli'
      ? 'Wait for that command to finish, then try again.'
      : 'Stop that server (Ctrl+C in its terminal), run this again, then start the server. ' +
        'To run the CLI beside a live server, or several servers, use PostgreSQL (DATABASE_URL).',
    `If no such process is running, delete ${lockFile}.`,
  ].join('\n');
}
