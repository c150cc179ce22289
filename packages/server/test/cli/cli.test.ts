import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { freshDataDir, REPO_ROOT, runCli, runShell, PROCESS_TIMEOUT } from './processes.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The shell lines of the README's "Registering a site" section. */
function registeringASiteCommands(): string[] {
  const section = README.split(/^## /m).find((part) => part.startsWith('Registering a site'));
  const block = section ? /```sh\n([\s\S]*?)```/.exec(section) : null;
  if (!block) throw new Error('README has no "Registering a site" command block');
  return block[1]!.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
}

describe('repruv-server, as the README runs it', PROCESS_TIMEOUT, () => {
  test('install links the command to a file that is in the repository, not a build output', () => {
    const linked = realpathSync(path.join(REPO_ROOT, 'node_modules/.bin/repruv-server'));
    const relative = path.relative(REPO_ROOT, linked);
    expect(relative).toBe(path.join('packages', 'server', 'bin', 'repruv-server.js'));
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', relative], {
      cwd: REPO_ROOT,
    }).toString();
    expect(tracked.trim()).toBe(relative);
  });

  test("the README's commands run on the local install and never ask the registry", async () => {
    const lines = registeringASiteCommands();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const dir = freshDataDir();
    for (const line of lines) {
      expect(line).toMatch(/^npx --offline repruv-server /);
      // A registry this process cannot reach: any attempt to use it would fail the command.
      const result = await runShell(line, {
        PGLITE_DIR: dir,
        npm_config_registry: 'http://127.0.0.1:9/',
      });
      expect(result.stderr).not.toMatch(/E404|ENOTCACHED|registry/i);
      expect(result.code).toBe(0);
    }
    const listed = await runCli(['sites', 'list'], { PGLITE_DIR: dir });
    expect(listed.stdout).toContain('https://blog.example.com');
  });

  test('--help prints the usage and exits 0; no command prints it and exits 1', async () => {
    const help = await runCli(['--help'], { PGLITE_DIR: 'memory://' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('repruv-server sites add');
    const none = await runCli([], { PGLITE_DIR: 'memory://' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Usage:');
  });

  test('an unknown option is named, without a stack trace', async () => {
    const result = await runCli(['sites', 'list', '--bogus'], { PGLITE_DIR: 'memory://' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--bogus');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
