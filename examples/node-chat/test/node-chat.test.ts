/** The terminal example run as a person would, with its input piped in, against the real server. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../packages/server/test/support/test-server.js';

const script = fileURLToPath(new URL('../index.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the example with `input` on a pipe (closed after it) and resolves when it exits. */
function runChat(input: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('examples/node-chat with piped input', () => {
  const t = useTestServer();

  it('sends each line, prints each reply, and exits 0 at the end of input', async () => {
    const run = await runChat('hello\nand a second line\n', { REPRUV_URL: t.url });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('assistant> You said: hello\n');
    expect(run.stdout).toContain('assistant> You said: and a second line\n');
    expect(run.code).toBe(0);
  });

  it('names the URL and what to check when the server is down', async () => {
    const run = await runChat('hello\n', { REPRUV_URL: 'http://127.0.0.1:9' });
    expect(run.stderr).toContain('http://127.0.0.1:9/api/v1/');
    expect(run.stderr).toMatch(/server running/);
    expect(run.code).toBe(0);
  });
});
