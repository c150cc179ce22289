#!/usr/bin/env node
// Committed rather than built, so that `npm install` links the command even before the first build
// (npm links a bin only if its file exists then). In a source checkout it builds the CLI once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('repruv-server: building the server first (npm run build -w @repruv/server)…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(cli.href);
