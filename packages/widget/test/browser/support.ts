/**
 * Shared set-up for the browser tests: the real server in process (Claude faked at the
 * HTTP boundary) serving the built widget and its demo page, and Debian's Chromium
 * driven by playwright-core. Each test file starts its own.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';

export type { TestServer };

const here = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_DIST = path.resolve(here, '../../dist');
export const SCREENSHOTS = path.resolve(here, '../../../../test-results/screenshots');
/** The built panel chunk's file name (`panel-<hash>.js`). */
export const PANEL_FILE = readdirSync(WIDGET_DIST).find((name) => /^panel-.*\.js$/.test(name))!;
const require = createRequire(import.meta.url);

export interface VisitorOptions {
  width?: number;
  height?: number;
  isMobile?: boolean;
  /** The browser's time zone, e.g. `Etc/GMT-1`; default the machine's. */
  timezoneId?: string;
}

export interface WidgetHarness {
  t: TestServer;
  browser: Browser;
  /** Every console message of every page so far, as `type: text`. */
  consoleLines: string[];
  /** A fresh browser context (own storage: a new visitor) and page. */
  visitor(options?: VisitorOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, or CHROMIUM_PATH; nothing is downloaded. */
function chromiumPath(): string {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(
      `The browser tests need Chromium, and there is none at ${executable}. ` +
        'Install it (Debian or Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return executable;
}

/** `env` adds to (or overrides) the test server's environment. */
export async function startHarness(env: Record<string, string> = {}): Promise<WidgetHarness> {
  const executablePath = chromiumPath();
  const t = await startTestServer({ WIDGET_DIST_DIR: WIDGET_DIST, ...env });
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    // Playwright hides every scrollbar in headless mode; tests should see the ones a visitor sees.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  const contexts: BrowserContext[] = [];
  const consoleLines: string[] = [];
  return {
    t,
    browser,
    consoleLines,
    async visitor({ width = 1280, height = 800, isMobile = false, timezoneId } = {}) {
      const context = await browser.newContext({
        viewport: { width, height },
        isMobile,
        hasTouch: isMobile,
        deviceScaleFactor: isMobile ? 2 : 1,
        ...(timezoneId && { timezoneId }),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('[page error]', error.message));
      page.on('console', (message) => {
        consoleLines.push(`${message.type()}: ${message.text()}`);
        if (message.type() === 'error') console.error('[page console]', message.text());
      });
      return page;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      await browser.close();
      await t.close();
    },
  };
}

/** The chat element's shadow root, evaluated in the page. */
export const shadow = `document.querySelector('repruv-chat').shadowRoot`;

export interface HostPageOptions {
  /** Markup for the page's `<main>`, typically a `<repruv-chat>`. */
  body: string;
  /** Extra markup for `<head>`, e.g. the host's own `<style>`. */
  head?: string;
  /** A classic script run before the panel chunk loads. */
  script?: string;
  /** Response headers of the page, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

/**
 * Opens a host page on the server's origin that loads the panel chunk as a module; without
 * `headers` it has no CSP at all (so a payload that became markup would run). Resolves once
 * the page has loaded.
 */
export async function hostPage(
  page: Page,
  t: TestServer,
  { headers = {}, ...markup }: HostPageOptions,
): Promise<void> {
  const url = `${t.url}/host-page.html`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', headers, body: hostPageHtml(t, markup) }),
  );
  await page.goto(url);
}

/** The host page's markup; the panel chunk comes from the test server, wherever the page is. */
export function hostPageHtml(
  t: TestServer,
  { body, head = '', script = '' }: Omit<HostPageOptions, 'headers'>,
): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head>
<body><main>${body}</main>
<script>window.__events = []; ${script}</script>
<script type="module" src="${t.url}/widget/${PANEL_FILE}"></script></body></html>`;
}

/** Opens the demo page and the bubble panel with a click on the launcher. */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** Types a message and presses Enter. */
/**
 * Types `text` and presses Enter, as a person would once the previous reply has finished: a reply's
 * completion arrives just after its last text, and the panel does not send while one streams.
 */
export async function sendByEnter(page: Page, text: string): Promise<void> {
  await poll(() => page.locator('.msg.assistant[aria-busy="true"]').count()).toBe(0);
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await input.press('Enter');
}

/** The assistant bubble containing `text` (Playwright's CSS pierces the open shadow root). */
export const reply = (page: Page, text: string) =>
  page.locator('.msg.assistant .bubble').filter({ hasText: text });

/** The texts of the rendered messages, `role: text`. */
export function transcript(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelector('repruv-chat')!.shadowRoot!.querySelectorAll('.msg')].map(
      (el) =>
        `${el.classList.contains('user') ? 'user' : 'assistant'}: ${el
          .querySelector('.bubble')!
          .textContent!.replace(/^\s*(You|Assistant):/, '')
          .replace(/\s+/g, ' ')
          .trim()}`,
    ),
  );
}

/** The visitor's guest token and session id, as the widget stored them. */
export async function visitorAuth(
  page: Page,
): Promise<{ token: string; sessionId: string | null }> {
  return page.evaluate(() => ({
    token: JSON.parse(localStorage.getItem('repruv.guest.pk_dev') ?? '{}').token,
    sessionId: localStorage.getItem('repruv.session.pk_dev'),
  }));
}

/** A guest token for a new visitor of pk_dev, asked for as the page's origin would. */
export async function guestToken(t: TestServer): Promise<{ token: string; expires_at: string }> {
  const res = await fetch(`${t.api}/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: t.url },
    body: JSON.stringify({ site_key: 'pk_dev' }),
  });
  if (!res.ok) throw new Error(`guest token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; expires_at: string };
}

/** POST JSON to an API path with a token. */
export async function apiPost<T>(t: TestServer, token: string, apiPath: string, body: unknown) {
  const res = await fetch(`${t.api}${apiPath}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${apiPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** GET an API path with the visitor's token. */
export async function apiGet<T>(t: TestServer, token: string, apiPath: string): Promise<T> {
  const res = await fetch(`${t.api}${apiPath}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${apiPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface ApiMessage {
  id: string;
  role: string;
  content: string;
  status: string;
  client_message_id: string | null;
}

/** Every message of a session, oldest first. */
export async function sessionMessages(
  t: TestServer,
  token: string,
  sessionId: string,
): Promise<ApiMessage[]> {
  const page = await apiGet<{ data: ApiMessage[] }>(
    t,
    token,
    `/chat/messages/${sessionId}?limit=100`,
  );
  return page.data;
}

export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serves axe-core from the page's own origin, so the strict CSP lets it load. */
export async function injectAxe(page: Page): Promise<void> {
  await page.route('**/__axe.js', (route) =>
    route.fulfill({ contentType: 'application/javascript', body: AXE_SOURCE }),
  );
  await page.addScriptTag({ url: '/__axe.js' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await settle(page);
  await page.screenshot({ path: file });
  return file;
}

/** `expect.poll` with room for a loaded CI machine (its default gives up after 1 s). */
export const poll = <T>(read: () => T | Promise<T>) =>
  expect.poll(read, { timeout: 10_000, interval: 50 });

/** Resolves once the widget's CSS animations (panel and message entry) have finished. */
export function settle(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const root = document.querySelector('repruv-chat')?.shadowRoot;
    const animations = root ? root.getAnimations() : [];
    await Promise.all(animations.map((a) => a.finished.catch(() => undefined)));
  });
}
