/**
 * sessions.export in a browser (Debian's Chromium, playwright-core): the built SDK
 * (`dist/index.js`, `npm run build -w @repruv/client-sdk`) in a page of its own origin, as on a
 * host's site, calling the real server (CORS_ORIGINS names the page) for a conversation's File.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepruvClient as Client } from '../../src/index.js';
import { startTestServer, type TestServer } from '../integration/support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SDK = new URL('../../dist/index.js', import.meta.url);

/** The host's page and the SDK it loads, on an origin other than the API's. */
function startPageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/sdk.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(SDK));
    } else
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>SDK</title>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let pages: Server;
let api: TestServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: install it or set CHROMIUM_PATH`);
  if (!existsSync(SDK))
    throw new Error('No dist/index.js: run npm run build -w @repruv/client-sdk');
  const started = await startPageServer();
  pages = started.server;
  api = await startTestServer({ CORS_ORIGINS: started.origin });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  page = await browser.newPage();
  await page.goto(started.origin);
  // A module script, not import() in evaluate: vitest rewrites the test file's dynamic imports.
  await page.addScriptTag({
    type: 'module',
    content: `import { RepruvClient } from '/sdk.js'; window.RepruvClient = RepruvClient;`,
  });
  await page.waitForFunction(() => 'RepruvClient' in window);
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((resolve) => pages?.close(resolve));
});

describe('sessions.export in a browser', () => {
  it("resolves a File with the server's file name, type and content", async () => {
    const token = await api.tokenFor('browser-export');
    const exported = await page.evaluate(
      async ({ baseUrl, token }) => {
        const { RepruvClient } = window as unknown as { RepruvClient: typeof Client };
        const client = new RepruvClient({ baseUrl, token });
        const session = await client.sessions.create({ title: 'Café plan' });
        await client.messages.send({ sessionId: session.id, content: 'a **bold** plan' });
        const file = await client.sessions.export(session.id);
        return {
          isFile: file instanceof File,
          name: (file as File).name,
          type: (file as File).type,
          text: await (file as File).text(),
        };
      },
      { baseUrl: api.url, token },
    );
    expect(exported).toMatchObject({
      isFile: true,
      type: expect.stringMatching(/^text\/markdown/),
    });
    // A page of another origin reads only the headers the API lists in Access-Control-Expose-Headers.
    expect(exported.name, 'Content-Disposition must be an exposed header').toBe('Café plan.md');
    expect(exported.text).toMatch(/Café plan/);
    expect(exported.text).toMatch(/You said: a \*\*bold\*\* plan/);
  });
});
