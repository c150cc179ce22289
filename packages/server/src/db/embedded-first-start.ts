import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DatabaseOptions } from './connect.js';

const run = promisify(execFile);

/**
 * A new PGlite folder is initialized in a child process: initdb's WASM instance needs hundreds of
 * megabytes, which V8 hands back late or not at all, so a server that ran it itself idled ~100 MB
 * above one that opened a folder already made. Nothing to do for PostgreSQL, memory:// or a folder
 * that holds a database. Call it holding the folder's lock.
 */
export async function initializeEmbeddedFolder(options: DatabaseOptions): Promise<void> {
  const dir = options.pgliteDir;
  if (options.url || dir === 'memory://' || existsSync(path.join(dir, 'PG_VERSION'))) return;
  mkdirSync(dir, { recursive: true });
  // From source (tests, tsx) the child is TypeScript too.
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(
    new URL(fromSource ? './embedded-initdb.ts' : './embedded-initdb.js', import.meta.url),
  );
  await run(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), entry, dir], {
    timeout: 120_000,
  });
}
