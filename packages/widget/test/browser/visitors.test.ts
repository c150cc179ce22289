import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHash } from '../../../server/test/support/guests.js';
import {
  hostPage,
  hostPageHtml,
  poll,
  reply,
  sendByEnter,
  startHarness,
  transcript,
  type WidgetHarness,
} from './support.js';

let h: WidgetHarness;
/** A host's own web server on another origin (localhost) than the API's (127.0.0.1). */
let hostSite: Server;
let hostSiteHtml = '';

beforeAll(async () => {
  h = await startHarness();
  hostSite = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(hostSiteHtml);
  });
  await new Promise<void>((resolve) => hostSite.listen(0, 'localhost', resolve));
});
afterAll(async () => {
  hostSite?.close();
  await h?.close();
});

const secondOrigin = () => `http://localhost:${(hostSite.address() as AddressInfo).port}`;

/** Opens a page of the host's own site holding `body`. */
async function openOnHostSite(page: Page, body: string) {
  hostSiteHtml = hostPageHtml(h.t, { body });
  await page.goto(`${secondOrigin()}/`);
}

const INLINE = '<repruv-chat site-key="pk_dev"></repruv-chat>';

async function openInline(page: Page, options: { headers?: Record<string, string> } = {}) {
  await hostPage(page, h.t, { body: INLINE, ...options });
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

declare global {
  interface Window {
    __ticks: number;
    __workers: string[];
    /** CSP violations and workers that failed to start. */
    __workerFailures: string[];
    /** Lets the held worker messages through (see `holdWorkers`). */
    __releaseWorkers: () => void;
    __noticesSeen: string[];
    __ready?: boolean;
  }
}

/**
 * Instruments the host page: a timer that ticks every 10 ms while the page's thread is free,
 * a record of every Worker the page creates (and of those the CSP refused), and of every
 * notice the panel shows. With `holdWorkers`, a worker's answer waits for `__releaseWorkers()`.
 */
async function instrument(page: Page, { holdWorkers = false } = {}) {
  await page.addInitScript((hold) => {
    window.__ticks = 0;
    setInterval(() => window.__ticks++, 10);
    window.__workers = [];
    window.__workerFailures = [];
    window.__noticesSeen = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__workerFailures.push(`blocked by ${event.effectiveDirective}`),
    );
    const held: (() => void)[] = [];
    window.__releaseWorkers = () => held.splice(0).forEach((release) => release());
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        window.__workers.push(String(url));
        try {
          super(url, options);
        } catch (error) {
          window.__workerFailures.push(String(error));
          throw error;
        }
        this.addEventListener('error', () => window.__workerFailures.push('error event'));
        if (hold) {
          this.addEventListener(
            'message',
            (event) => {
              if (event instanceof MessageEvent && !event.data?.__released) {
                event.stopImmediatePropagation();
                held.push(() =>
                  this.dispatchEvent(
                    new MessageEvent('message', { data: { ...event.data, __released: true } }),
                  ),
                );
              }
            },
            { capture: true },
          );
        }
      }
    };
    setInterval(() => {
      const notice = document
        .querySelector('repruv-chat')
        ?.shadowRoot?.querySelector('[part="notice"]')
        ?.textContent?.trim();
      if (notice && window.__noticesSeen.at(-1) !== notice) window.__noticesSeen.push(notice);
    }, 10);
  }, holdWorkers);
}

interface ChallengeRun {
  /** The number the widget sent back, once it has. */
  solved: number | null;
  /** The page's timer ticks between serving the challenge and receiving its solution. */
  ticksWhileSolving: number | null;
}

/** Watches the page's way through the real server's challenge, letting every request through. */
async function observeChallenge(page: Page): Promise<ChallengeRun> {
  const run: ChallengeRun = { solved: null, ticksWhileSolving: null };
  let servedAt = 0;
  const ticks = () => page.evaluate(() => window.__ticks);
  await page.route(`${h.t.api}/auth/challenge?*`, async (route) => {
    const response = await route.fetch();
    servedAt = await ticks();
    await route.fulfill({ response });
  });
  await page.route(`${h.t.api}/auth/guest`, async (route: Route) => {
    const body = route.request().postDataJSON() as { challenge_solution?: string };
    if (body.challenge_solution) {
      run.solved = decodeSolution(body.challenge_solution).number;
      run.ticksWhileSolving = (await ticks()) - servedAt;
    }
    await route.continue();
  });
  return run;
}

/**
 * A site whose host pages live on the second origin and which asks every new visitor for a proof
 * of work; the element talks to the API across origins, as on a real host's page.
 */
async function challengeSite() {
  const site = await h.t.server.sites.add('Challenge host', [secondOrigin()], { challenge: 'on' });
  return `<repruv-chat site-key="${site.site_key}" api-url="${h.t.url}"></repruv-chat>`;
}

function decodeSolution(solution: string) {
  return JSON.parse(Buffer.from(solution, 'base64').toString()) as {
    number: number;
    salt: string;
    challenge: string;
    signature: string;
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Makes pk_dev ask this page for a proof of work of the test's making, whose answer is `number`
 * (the server's own is random up to CHALLENGE_MAX_NUMBER, too uneven to time a page's ticks
 * by, and takes about a second: too near the 1.5 s to call it quick on a busy machine): the
 * first POST /auth/guest answers 401 challenge_required, GET /auth/challenge serves the
 * challenge, and the guest request with the right solution goes on to the server.
 */
async function requireChallenge(page: Page, number: number): Promise<ChallengeRun> {
  const run: ChallengeRun = { solved: null, ticksWhileSolving: null };
  const salt = `test-${number}-${Date.now()}?expires=${Date.now() + 300_000}`;
  const challenge = {
    algorithm: 'SHA-256',
    challenge: sha256(salt + number),
    maxnumber: number * 2,
    salt,
    signature: 'test-signature',
  };
  let servedAt = 0;
  const ticks = () => page.evaluate(() => window.__ticks);
  await page.route(`${h.t.api}/auth/challenge?*`, async (route) => {
    servedAt = await ticks();
    await route.fulfill({ json: challenge });
  });
  await page.route(`${h.t.api}/auth/guest`, async (route: Route) => {
    const body = route.request().postDataJSON() as { challenge_solution?: string };
    if (!body.challenge_solution) {
      return route.fulfill({
        status: 401,
        json: {
          error: { code: 'challenge_required', message: 'This site asks for a proof of work.' },
          request_id: 'test',
        },
      });
    }
    const solution = decodeSolution(body.challenge_solution);
    expect(solution).toMatchObject({
      salt,
      challenge: challenge.challenge,
      signature: 'test-signature',
    });
    run.solved = solution.number;
    run.ticksWhileSolving = (await ticks()) - servedAt;
    const { challenge_solution: _, ...rest } = body;
    return route.continue({ postData: JSON.stringify(rest) });
  });
  return run;
}

describe('the proof-of-work challenge', () => {
  it("solves a site's challenge in a Web Worker from a Blob URL, across origins", async () => {
    const page = await h.visitor();
    await instrument(page);
    const run = await observeChallenge(page);
    await openOnHostSite(page, await challengeSite());
    await sendByEnter(page, 'Hello after the check');
    await reply(page, 'You said: Hello after the check').waitFor();
    expect(run.solved).toEqual(expect.any(Number));
    expect(await page.evaluate(() => window.__workers)).toEqual([
      expect.stringMatching(/^blob:http:\/\/localhost:\d+\//),
    ]);
    expect(await page.evaluate(() => window.__workerFailures)).toEqual([]);
  });

  it('keeps the page running while the worker searches', async () => {
    const page = await h.visitor();
    await instrument(page);
    const run = await requireChallenge(page, 40_000);
    await openInline(page);
    await sendByEnter(page, 'Hello after a long search');
    await reply(page, 'You said: Hello after a long search').waitFor();
    expect(run.solved).toBe(40_000);
    expect(await page.evaluate(() => window.__workers)).toHaveLength(1);
    // The page's own timer went on ticking while the worker searched.
    expect(run.ticksWhileSolving).toBeGreaterThanOrEqual(3);
  });

  it('shows nothing while a check is quick', async () => {
    const page = await h.visitor();
    await instrument(page);
    const run = await requireChallenge(page, 3);
    await openInline(page);
    await sendByEnter(page, 'Quick check');
    await reply(page, 'You said: Quick check').waitFor();
    expect(run.solved).toBe(3);
    expect(await page.evaluate(() => window.__noticesSeen)).toEqual([]);
  });

  it('says "Checking your connection…" once a check takes long, and stops saying it', async () => {
    const page = await h.visitor();
    await instrument(page, { holdWorkers: true });
    const run = await requireChallenge(page, 3);
    await openInline(page);
    await sendByEnter(page, 'Slow check');
    const notice = page.locator('[part="notice"]');
    await notice.filter({ hasText: 'Checking your connection…' }).waitFor();
    // The panel's polite live region says it too.
    await poll(() =>
      page.locator('[aria-live="polite"]').filter({ hasText: 'Checking your connection…' }).count(),
    ).toBe(1);
    expect(run.solved).toBeNull();
    await page.evaluate(() => window.__releaseWorkers());
    await reply(page, 'You said: Slow check').waitFor();
    expect(run.solved).toBe(3);
    expect(await notice.count()).toBe(0);
  });

  it("falls back to the page's thread, in slices, where the CSP allows no blob: worker", async () => {
    const page = await h.visitor();
    await instrument(page);
    const run = await requireChallenge(page, 40_000);
    await openInline(page, { headers: { 'Content-Security-Policy': "worker-src 'none'" } });
    await sendByEnter(page, 'Hello under a strict CSP');
    await reply(page, 'You said: Hello under a strict CSP').waitFor();
    expect(run.solved).toBe(40_000);
    expect(await page.evaluate(() => window.__workers)).toEqual([expect.stringMatching(/^blob:/)]);
    expect(await page.evaluate(() => window.__workerFailures)).toEqual([
      'blocked by worker-src',
      'error event',
    ]);
    // The search yielded to the event loop between slices, so the page's timer still ran.
    expect(run.ticksWhileSolving).toBeGreaterThanOrEqual(3);
  });
});

describe('a visitor the host has signed in (user-id + user-hash)', () => {
  /** A site of the test server's origin, and what its host's server computes for `userId`. */
  async function identitySite() {
    const site = await h.t.server.sites.add('Identity host', [h.t.url]);
    const hashOf = (userId: string) => userHash(site.identity_secret!, userId);
    const element = (userId: string, hash = hashOf(userId)) =>
      `<repruv-chat site-key="${site.site_key}" user-id="${userId}" user-hash="${hash}"></repruv-chat>`;
    return { site, hashOf, element };
  }

  it('has one conversation on every device, and another user does not see it', async () => {
    const { element } = await identitySite();
    const laptop = await h.visitor();
    await hostPage(laptop, h.t, { body: element('host-user-1') });
    await sendByEnter(laptop, 'Hello from my laptop');
    await reply(laptop, 'You said: Hello from my laptop').waitFor();

    // Another browser (its own storage, so no stored token or session): the same conversation.
    const phone = await h.visitor();
    await hostPage(phone, h.t, { body: element('host-user-1') });
    await reply(phone, 'You said: Hello from my laptop').waitFor();
    await sendByEnter(phone, 'And from my phone');
    await reply(phone, 'You said: And from my phone').waitFor();
    await laptop.reload();
    await reply(laptop, 'You said: And from my phone').waitFor();
    expect(await transcript(laptop)).toEqual(await transcript(phone));

    const stranger = await h.visitor();
    await hostPage(stranger, h.t, {
      body: element('host-user-2'),
      script: "addEventListener('repruv-ready', () => (window.__ready = true));",
    });
    await poll(() => stranger.evaluate(() => window.__ready)).toBe(true);
    expect(await transcript(stranger)).toEqual([]);
  });

  it('switches conversations when the user-id changes on the page', async () => {
    const { element, hashOf } = await identitySite();
    const page = await h.visitor();
    await hostPage(page, h.t, { body: element('first-user') });
    await sendByEnter(page, 'Secret of the first user');
    await reply(page, 'You said: Secret of the first user').waitFor();

    // The host signs someone else in without a reload.
    await page.evaluate((hash) => {
      const chat = document.querySelector('repruv-chat')!;
      chat.userId = 'second-user';
      chat.userHash = hash;
    }, hashOf('second-user'));
    await poll(() => page.locator('.msg').count()).toBe(0);
    await sendByEnter(page, 'Hello as the second user');
    await reply(page, 'You said: Hello as the second user').waitFor();
    expect((await transcript(page)).join('\n')).not.toContain('Secret of the first user');
    await page.reload();
    await reply(page, 'You said: Secret of the first user').waitFor();
    expect(await transcript(page)).toEqual([
      'user: Secret of the first user',
      'assistant: You said: Secret of the first user',
    ]);
  });

  it("takes the identity from the script tag's data-user-id and data-user-hash", async () => {
    const { site, hashOf, element } = await identitySite();
    const page = await h.visitor();
    const tag = `<script src="${h.t.url}/widget.js" data-site-key="${site.site_key}" data-user-id="tag-user" data-user-hash="${hashOf('tag-user')}" defer></script>`;
    await page.route(`${h.t.url}/tag-page.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Host</title></head><body>${tag}</body></html>`,
      }),
    );
    await page.goto(`${h.t.url}/tag-page.html`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await sendByEnter(page, 'Sent through the script tag');
    await reply(page, 'You said: Sent through the script tag').waitFor();
    const other = await h.visitor();
    await hostPage(other, h.t, { body: element('tag-user') });
    await reply(other, 'You said: Sent through the script tag').waitFor();
  });

  it('says a send was not sent when the host gives a wrong user-hash', async () => {
    const { element } = await identitySite();
    const page = await h.visitor();
    await hostPage(page, h.t, { body: element('host-user-3', 'f'.repeat(64)) });
    await sendByEnter(page, 'Forged');
    await page.locator('[part="error"]', { hasText: 'Not sent.' }).waitFor();
  });
});
