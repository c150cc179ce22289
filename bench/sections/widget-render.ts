import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startFakeClaude } from '../../packages/server/test/support/fake-claude.js';
import { freePort, ROOT } from '../lib/processes.js';
import { freshDatabase, startRepruv } from '../lib/stack.js';

const TOKENS = Number(process.env.BENCH_RENDER_TOKENS ?? 5000);
const TOKENS_PER_SECOND = Number(process.env.BENCH_RENDER_TPS ?? 500);

export interface RenderRow {
  widget: string;
  tokens: number;
  longTasks: number;
  longestTaskMs: number;
  mainThreadMsPer100Tokens: number;
  wallSeconds: number;
}

/** A reply of `count` tokens with paragraphs, lists and code blocks, as Claude writes them. */
export function replyTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 400 === 200) tokens.push('\n\n```ts\n');
    else if (i % 400 === 230) tokens.push('\n```\n\n');
    else if (i % 60 === 59) tokens.push('\n\n');
    else if (i % 150 === 100) tokens.push('\n- **point**');
    else tokens.push(i % 7 === 0 ? ' `code`' : ` word${i % 13}`);
  }
  return tokens;
}

async function measure(
  page: Page,
  run: () => Promise<void>,
): Promise<Omit<RenderRow, 'widget' | 'tokens'>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const taskSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
      ?.value ?? 0;
  const before = await taskSeconds();
  const start = performance.now();
  await run();
  const wallSeconds = (performance.now() - start) / 1000;
  const after = await taskSeconds();
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  return {
    longTasks: longTasks.filter((d) => d > 50).length,
    longestTaskMs: Math.max(0, ...longTasks),
    mainThreadMsPer100Tokens: ((after - before) * 1000 * 100) / TOKENS,
    wallSeconds,
  };
}

function deepChatPage(tokens: string[], delayMs: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>
<deep-chat id="chat" style="width:400px;height:600px"></deep-chat>
<script type="module" src="/deep-chat.js"></script>
<script>
  const TOKENS = ${JSON.stringify(tokens)};
  const chat = document.getElementById('chat');
  window.__done = customElements.whenDefined('deep-chat').then(() => new Promise((resolve) => {
    chat.connect = {
      stream: true,
      handler: async (_body, signals) => {
        signals.onOpen();
        for (const text of TOKENS) {
          await new Promise((r) => setTimeout(r, ${delayMs}));
          signals.onResponse({ text });
        }
        signals.onClose();
        resolve();
      },
    };
  }));
</script></body></html>`;
}

/**
 * Streams the same long reply into our panel (through the real server and SDK) and into deep-chat
 * (fed in-page at the same rate), in the same Chromium, and compares main-thread cost.
 */
export async function benchWidgetRender(): Promise<RenderRow[]> {
  const tokens = replyTokens(TOKENS);
  const delayMs = 1000 / TOKENS_PER_SECOND;
  const claude = await startFakeClaude();
  claude.setDefault({ kind: 'text', chunks: tokens, chunkDelayMs: delayMs });
  const repruv = await startRepruv(claude.url, await freshDatabase('repruv_bench_render'), {
    NODE_ENV: 'development',
  });
  const deepChatJs = readFileSync(
    path.join(ROOT, 'node_modules/deep-chat/dist/deepChat.bundle.js'),
  );
  const pagePort = await freePort();
  const pageServer = createServer((req, res) => {
    if (req.url === '/deep-chat.js') {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      res.end(deepChatJs);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(deepChatPage(tokens, delayMs));
  }).listen(pagePort, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const rows: RenderRow[] = [];
    const ours = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await ours.goto(`${repruv.url.replace('127.0.0.1', 'localhost')}/`);
    await ours.waitForFunction(
      () => customElements.get('repruv-chat') && document.querySelector('repruv-chat'),
    );
    await ours.evaluate(() =>
      (document.querySelector('repruv-chat') as unknown as { open(): void }).open(),
    );
    await ours.waitForTimeout(500);
    rows.push({
      widget: 'Repruv <repruv-chat>',
      tokens: TOKENS,
      ...(await measure(ours, () =>
        ours.evaluate(
          () =>
            new Promise<void>((resolve) => {
              const chat = document.querySelector('repruv-chat')!;
              chat.addEventListener('repruv-message-received', () => resolve(), { once: true });
              void (chat as unknown as { send(text: string): Promise<void> }).send(
                'Write me a long answer',
              );
            }),
        ),
      )),
    });

    const peer = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await peer.goto(`http://127.0.0.1:${pagePort}/`);
    await peer.waitForFunction(() => customElements.get('deep-chat'));
    await peer.waitForTimeout(500);
    rows.push({
      widget: 'deep-chat 2.x',
      tokens: TOKENS,
      ...(await measure(peer, async () => {
        await peer.evaluate(() => {
          const chat = document.getElementById('chat') as unknown as {
            submitUserMessage(m: { text: string }): void;
          };
          chat.submitUserMessage({ text: 'Write me a long answer' });
        });
        await peer.evaluate(() => (window as unknown as { __done: Promise<void> }).__done);
      })),
    });
    return rows;
  } finally {
    await browser.close();
    pageServer.close();
    await repruv.child.stop();
    await claude.close();
  }
}
