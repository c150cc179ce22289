import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostPage as openHostPage,
  PANEL_FILE,
  poll,
  reply,
  sendByEnter,
  startHarness,
  type WidgetHarness,
} from './support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A host page placing the element inline; resolves once its input is there. */
async function hostPage(page: Page, element: string, script = ''): Promise<void> {
  await openHostPage(page, h.t, { body: element, script });
  await page.getByRole('textbox').waitFor();
}

const XSS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3"><circle r="10"></circle></svg>',
  '[a](javascript:window.__xss=4)',
  '[b](JaVaScRiPt:window.__xss=5)',
  '[c](&#106;avascript:window.__xss=6)',
  '[d](\tjava\tscript:window.__xss=7)',
  '[e](data:text/html,<script>window.__xss=8</script>)',
  '<a href="javascript:window.__xss=9">f</a>',
  '<iframe srcdoc="<script>parent.__xss=10</script>"></iframe>',
  '![g](x" onerror="window.__xss=11)',
  '`<img src=x onerror=window.__xss=12>`',
  '```html\n<script>window.__xss=13</script>\n```',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=14>',
  '[h](https://example.com/"onmouseover="window.__xss=15)',
  '<details open ontoggle="window.__xss=16">x</details>',
  '[i](vbscript:msgbox(17))',
  '[safe](https://example.com/ok) and [mail](mailto:hi@example.com)',
];

/** What a payload could have left behind in the shadow DOM. */
function audit(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('repruv-chat')!.shadowRoot!;
    const bubbles = [...root.querySelectorAll('.bubble')];
    const inBubbles = (selector: string) =>
      bubbles.flatMap((b) => [...b.querySelectorAll(selector)]);
    return {
      flag: (window as unknown as { __xss?: unknown }).__xss,
      dangerous: inBubbles('script, img, svg, iframe, math, style, details, object, embed').length,
      handlers: inBubbles('*').filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
        .length,
      hrefs: inBubbles('a').map((a) => a.getAttribute('href')),
      text: bubbles.map((b) => b.textContent).join('\n'),
    };
  });
}

describe('safety', () => {
  it('renders an XSS corpus from replies (streamed and from history) as inert text', async () => {
    const page = await h.visitor();
    await hostPage(page, '<repruv-chat site-key="pk_dev"></repruv-chat>');
    const corpus = XSS.join('\n\n');
    // Streamed in small chunks, so payloads straddle token boundaries.
    h.t.claude.enqueue({ kind: 'text', chunks: corpus.match(/[\s\S]{1,7}/g)!, chunkDelayMs: 1 });
    await sendByEnter(page, 'corpus');
    await reply(page, 'safe and mail').waitFor();
    // The corpus reply finished (not busy) before the next is sent.
    await poll(() => page.locator('.msg.assistant[aria-busy="false"]').count()).toBe(1);
    // And each payload as a whole reply of its own.
    for (const [i, payload] of XSS.slice(0, 6).entries()) {
      h.t.claude.enqueue({ kind: 'text', chunks: [payload, ' END'] });
      await sendByEnter(page, `again ${i}`);
      // Each reply finished (not busy) before the next is sent.
      await poll(() => page.locator('.msg.assistant[aria-busy="false"]').count()).toBe(i + 2);
    }
    await page.locator('.bubble a').first().hover();
    const live = await audit(page);
    expect(live.flag).toBeUndefined();
    expect(live.dangerous).toBe(0);
    expect(live.handlers).toBe(0);
    expect(live.hrefs.every((href) => /^(https?|mailto):/.test(href!))).toBe(true);
    expect(live.hrefs).toEqual(
      expect.arrayContaining(['https://example.com/ok', 'mailto:hi@example.com']),
    );
    expect(live.text).toContain('<script>window.__xss = 1</script>');
    expect(live.text).toContain('<img src=x onerror="window.__xss = 2">');

    await page.reload();
    await reply(page, 'safe and mail').waitFor();
    const restored = await audit(page);
    expect(restored.flag).toBeUndefined();
    expect(restored.dangerous).toBe(0);
    expect(restored.handlers).toBe(0);
    expect(restored.hrefs.every((href) => /^(https?|mailto):/.test(href!))).toBe(true);
    expect(restored.hrefs).toEqual(
      expect.arrayContaining(['https://example.com/ok', 'mailto:hi@example.com']),
    );
  });
});

describe('embedding', () => {
  it('takes attributes and properties, and fires typed repruv-* events', async () => {
    const page = await h.visitor();
    await hostPage(
      page,
      '<repruv-chat display="inline" site-key="pk_dev" locale="fr" title="Studio"></repruv-chat>',
      `for (const name of ['repruv-ready', 'repruv-message-sent', 'repruv-message-received', 'repruv-session-created', 'repruv-error'])
         document.addEventListener(name, (e) => window.__events.push(name));
       customElements.whenDefined('repruv-chat').then(() => {
         const chat = document.querySelector('repruv-chat');
         chat.quickPrompts = ['Idée rapide'];
         chat.strings = { placeholder: 'Écrivez ici' };
       });`,
    );
    await page.getByRole('heading', { name: 'Studio' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe(
      'Écrivez ici',
    );
    await page.getByRole('button', { name: 'Nouvelle discussion' }).waitFor();
    await page.getByRole('button', { name: 'Idée rapide' }).click();
    await reply(page, 'You said: Idée rapide').waitFor();
    // Its completion arrives just after the text: send the next one when the panel is idle again.
    await poll(() => page.locator('.msg.assistant[aria-busy="false"]').count()).toBe(1);
    await page.evaluate(() => document.querySelector('repruv-chat')!.send('Par la méthode'));
    await reply(page, 'You said: Par la méthode').waitFor();
    await poll(() =>
      page.evaluate(() => (window as unknown as { __events: string[] }).__events),
    ).toEqual([
      'repruv-ready',
      'repruv-message-sent',
      'repruv-session-created',
      'repruv-message-received',
      'repruv-message-sent',
      'repruv-message-received',
    ]);
    // Defining the element again is harmless.
    await page.addScriptTag({ url: `/widget/${PANEL_FILE}`, type: 'module' });
    await page.evaluate(() => document.querySelector('repruv-chat')!.newSession());
    await page.getByRole('button', { name: 'Idée rapide' }).waitFor();
  });

  it('works from a third-party origin under its own strict CSP (examples/script-tag)', async () => {
    const example = new URL('../../../../examples/script-tag/index.html', import.meta.url);
    const html = readFileSync(example, 'utf8').replaceAll('http://localhost:3000', h.t.url);
    // A second origin, as a real static server (the dev site pk_dev allows localhost:*).
    const site = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(html),
    );
    await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
    try {
      const page = await h.visitor();
      await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await sendByEnter(page, 'From another origin');
      await reply(page, 'You said: From another origin').waitFor();
    } finally {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it('serves a small launcher and an immutable, gzipped panel chunk', async () => {
    const launcher = await fetch(`${h.t.url}/widget.js`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(launcher.status).toBe(200);
    expect(await launcher.text()).toContain(PANEL_FILE);
    const chunk = await fetch(`${h.t.url}/widget/${PANEL_FILE}`);
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    expect(chunk.headers.get('content-encoding')).toBe('gzip');
  });

  it('loads the panel chunk on intent or when idle, and hands the launcher over', async () => {
    const page = await h.visitor();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(h.t.url);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    await launcher.hover();
    await poll(() => requested.some((p) => p === `/widget/${PANEL_FILE}`)).toBe(true);
    await launcher.click();
    await page.getByRole('dialog', { name: 'Repruv AI' }).waitFor();
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
  });
});
