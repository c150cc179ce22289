/**
 * The React and Vue examples as their READMEs run them: `npm run build -w …` and then the built
 * app served, and `npm run dev`'s server, each opened in Chromium against the real server.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  poll,
  reply,
  sendByEnter,
  startHarness,
  type WidgetHarness,
} from '../../packages/widget/test/browser/support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const examples = [
  { name: 'react', workspace: '@repruv/example-react' },
  { name: 'vue', workspace: '@repruv/example-vue' },
];
// A build type-checks and bundles; on a loaded 2-core machine that takes a while.
const BUILD_LIMIT_MS = 180_000;

let h: WidgetHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Runs npm at the repo root; resolves with its exit code and output. */
function npm(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('npm', args, { cwd: repoRoot, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Starts `npm run dev -w <workspace>` on 127.0.0.1 (Vite picks a free port from 5173 on) and
 * resolves with the URL it prints. `stop` ends npm and the Vite process under it.
 */
function startDev(workspace: string, env: Record<string, string>) {
  const child = spawn('npm', ['run', 'dev', '-w', workspace, '--', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  return new Promise<{ url: string; stop: () => Promise<void> }>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk;
      // eslint-disable-next-line no-control-regex
      const local = /Local:\s+(http:\/\/\S+)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (local) resolve({ url: local[1]!, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    void exited.then(() => reject(new Error(`npm run dev exited:\n${output}`)));
  });
}

/** Opens the app, checks the element is upgraded and rendered, then chats through it. */
async function chatThrough(page: Page, url: string, text: string): Promise<void> {
  await page.goto(url);
  await page.locator('repruv-chat').waitFor();
  await poll(() =>
    page.evaluate(() => {
      const chat = document.querySelector('repruv-chat');
      return {
        upgraded: customElements.get('repruv-chat') !== undefined && chat?.matches(':defined'),
        rendered: (chat?.shadowRoot?.childElementCount ?? 0) > 0,
      };
    }),
  ).toEqual({ upgraded: true, rendered: true });
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await sendByEnter(page, text);
  await reply(page, `You said: ${text}`).waitFor();
  // The app logs the first 40 characters of each reply from its repruv-message-received listener.
  await page.locator('li', { hasText: `reply: You said: ${text}` }).waitFor();
}

describe.each(examples)('examples/$name', ({ name, workspace }) => {
  const root = path.join(repoRoot, 'examples', name);

  it(
    'npm run build makes an app that, served, upgrades <repruv-chat> and chats with the server',
    async () => {
      const outDir = await mkdtemp(path.join(tmpdir(), `repruv-example-${name}-`));
      try {
        const build = await npm(
          ['run', 'build', '-w', workspace, '--', '--outDir', outDir, '--emptyOutDir'],
          { VITE_REPRUV_API_URL: h.t.url },
        );
        expect(build.code, build.output).toBe(0);
        const assets = await readdir(path.join(outDir, 'assets'));
        const bundles = await Promise.all(
          assets
            .filter((file) => file.endsWith('.js'))
            .map((file) => readFile(path.join(outDir, 'assets', file), 'utf8')),
        );
        expect(bundles.join('\n')).toContain('repruv-chat');

        const server = await preview({
          root,
          logLevel: 'silent',
          build: { outDir },
          preview: { host: '127.0.0.1' },
        });
        try {
          const url = server.resolvedUrls?.local[0];
          expect(url).toBeDefined();
          await chatThrough(await h.visitor(), url!, `hi, built ${name}`);
        } finally {
          await server.close();
        }
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    },
    BUILD_LIMIT_MS,
  );

  it('npm run dev serves an app that upgrades <repruv-chat> and chats with the server', async () => {
    const dev = await startDev(workspace, { VITE_REPRUV_API_URL: h.t.url });
    try {
      await chatThrough(await h.visitor(), dev.url, `hi, ${name} dev`);
    } finally {
      await dev.stop();
    }
  });
});
