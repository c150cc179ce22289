import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostPage,
  reply,
  screenshot,
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

/**
 * A host stylesheet setting every inherited text property it can, on the page and on
 * `<repruv-chat>` itself, `!important` included: what a stock Vite template and worse do.
 */
const HOSTILE_CSS = `<style>
  html, body, *, repruv-chat {
    text-align: center !important;
    line-height: 3 !important;
    letter-spacing: 4px;
    word-spacing: 12px;
    font-size: 30px !important;
    font-family: serif;
    font-style: italic;
    font-weight: 900;
    font-variant: small-caps;
    color: red !important;
    text-transform: uppercase;
    text-indent: 40px;
    text-shadow: 2px 2px blue;
    white-space: nowrap;
    word-break: break-all;
    direction: rtl;
    cursor: wait;
    -webkit-text-fill-color: green;
  }
</style>`;

/** The panel's parts whose look must not depend on the page. */
const PARTS = [
  '.launcher',
  '.panel',
  '[part="title"]',
  '[part="new-chat-button"]',
  '[part="close-button"]',
  '[part="input"]',
  '[part="send-button"]',
  '.msg.user .bubble',
  '.msg.user .plain',
  '.msg.assistant .bubble',
  '.msg.assistant .bubble p',
  '.msg.assistant .bubble li',
  '.msg.assistant .bubble strong',
  '.msg.assistant .bubble a',
  '.msg.assistant .bubble pre',
  '.msg.assistant .bubble pre code',
];

/** The same, for the empty state shown before the first message. */
const EMPTY_PARTS = ['.empty h3', '.empty p', '.prompt'];

/** Every computed property of each part, as `selector → property → value`. */
function computedStyles(page: Page, selectors: string[]) {
  return page.evaluate((list) => {
    const root = document.querySelector('repruv-chat')!.shadowRoot!;
    return Object.fromEntries(
      list.map((selector) => {
        const el = root.querySelector(selector);
        if (!el) return [selector, null];
        const style = getComputedStyle(el);
        const values: Record<string, string> = {};
        for (const name of style) values[name] = style.getPropertyValue(name);
        return [selector, values];
      }),
    );
  }, selectors);
}

/** The bubble panel on a host page, with one exchange in it, as styles and a screenshot. */
async function renderOn(head: string, name: string) {
  const page = await h.visitor();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await hostPage(page, h.t, {
    head,
    body: '<p>Host text</p><repruv-chat display="bubble" site-key="pk_dev"></repruv-chat>',
  });
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.locator('.prompt').first().waitFor();
  const empty = await computedStyles(page, EMPTY_PARTS);
  h.t.claude.enqueue({
    kind: 'text',
    chunks: [
      'Sure, **here** it is:\n\n',
      '- one\n- two\n\n',
      '```sh\nnpm start\n```\n\n',
      'See [docs](https://example.com).',
    ],
  });
  await sendByEnter(page, 'Hello there');
  await reply(page, 'here it is').waitFor();
  await page.locator('.msg.assistant[aria-busy="false"]').waitFor();
  // The caret and the focus ring are drawn only where focus is; take both out of the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const styles = { ...empty, ...(await computedStyles(page, PARTS)) };
  const file = await screenshot(page, name);
  const pixels = await page.locator('.panel').screenshot({ animations: 'disabled' });
  return { page, styles, file, pixels };
}

/** `selector property: plain ≠ hostile` for each property that differs. */
function differences(
  plain: Record<string, Record<string, string> | null>,
  hostile: Record<string, Record<string, string> | null>,
): string[] {
  const out: string[] = [];
  for (const [selector, values] of Object.entries(plain)) {
    if (!values) {
      out.push(`${selector}: not rendered`);
      continue;
    }
    for (const [name, value] of Object.entries(values)) {
      const other = hostile[selector]?.[name];
      if (other !== value) out.push(`${selector} ${name}: ${value} ≠ ${other}`);
    }
  }
  return out;
}

describe('on any host page', () => {
  it('looks the same under a hostile host stylesheet as on a plain page', async () => {
    const plain = await renderOn('', 'host-plain');
    const hostile = await renderOn(HOSTILE_CSS, 'host-hostile');
    expect(differences(plain.styles, hostile.styles)).toEqual([]);
    expect(hostile.pixels.equals(plain.pixels)).toBe(true);
    // The host's styles still reach what the page owns.
    expect(
      await hostile.page.locator('main > p').evaluate((el) => getComputedStyle(el).textAlign),
    ).toBe('center');
  });

  it('puts the script-tag launcher where the panel puts it, on a right-to-left page too', async () => {
    const page = await h.visitor();
    // The demo page, turned right-to-left.
    await page.route(`${h.t.url}/`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<html', '<html dir="rtl"');
      await route.fulfill({ response, body });
    });
    // Hold the panel chunk back, to measure the launcher widget.js draws before the hand-over.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/widget/panel-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(h.t.url);
    const early = page.locator('repruv-launcher .launcher');
    await early.waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    const before = (await early.boundingBox())!;
    release();
    await page.locator('repruv-chat .launcher').waitFor();
    expect((await page.locator('repruv-chat .launcher').boundingBox())!).toEqual(before);
    expect(before.x).toBeGreaterThan(1280 / 2);
  });

  it('keeps theming through --repruv-* properties and ::part() on a hostile page', async () => {
    const page = await h.visitor();
    await hostPage(page, h.t, {
      head: `${HOSTILE_CSS}<style>
        repruv-chat { --repruv-primary: rgb(15, 118, 110); --repruv-font: monospace; }
        repruv-chat::part(title) { letter-spacing: 2px; }
      </style>`,
      body: '<repruv-chat display="inline" site-key="pk_dev"></repruv-chat>',
    });
    const title = page.locator('[part="title"]');
    await title.waitFor();
    const look = await title.evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        header: getComputedStyle(el.parentElement!).backgroundColor,
        font: style.fontFamily,
        spacing: style.letterSpacing,
        align: style.textAlign,
      };
    });
    expect(look).toEqual({
      header: 'rgb(15, 118, 110)',
      font: 'monospace',
      spacing: '2px',
      align: 'start',
    });
  });
});

/** The first reply's code block, paragraphs and bubble, measured against the panel. */
function measureReply(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('repruv-chat')!.shadowRoot!;
    const pre = root.querySelector<HTMLElement>('.msg.assistant pre')!;
    const bubble = root.querySelector<HTMLElement>('.msg.assistant .bubble')!;
    const log = root.querySelector<HTMLElement>('.log')!;
    const panel = root.querySelector<HTMLElement>('.panel')!.getBoundingClientRect();
    const paragraphs = [...bubble.querySelectorAll<HTMLElement>('p')];
    return {
      overflowX: getComputedStyle(pre).overflowX,
      overflows: pre.scrollWidth > pre.clientWidth,
      // Not an overlay: the scrollbar takes room in the box, so it is always there to see.
      scrollbarShown: pre.offsetHeight - pre.clientHeight - pre.clientTop * 2 > 0,
      bubbleInPanel: bubble.getBoundingClientRect().right <= panel.right,
      logScrollsSideways: log.scrollWidth > log.clientWidth,
      paragraphOverflow: Math.max(...paragraphs.map((p) => p.scrollWidth - p.clientWidth)),
    };
  });
}

describe('long content', () => {
  // Desktop Chromium on Linux draws classic scrollbars; phones (and macOS) draw overlay ones,
  // which stay hidden until one scrolls.
  it.each([
    { name: 'desktop', width: 1280, height: 800, isMobile: false },
    { name: 'phone', width: 390, height: 844, isMobile: true },
  ])(
    'scrolls a long code line with a visible scrollbar; long words and URLs wrap ($name)',
    async ({ name, ...viewport }) => {
      const page = await h.visitor(viewport);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const word = 'x'.repeat(300);
      const url = `https://example.com/${'a'.repeat(280)}`;
      h.t.claude.enqueue({
        kind: 'text',
        chunks: [
          'Start it again with your key:\n\n',
          '```sh\nCLAUDE_API_KEY=sk-ant-api03-0123456789abcdef0123456789abcdef npm start\n```\n\n',
          `A word: ${word}\n\nA link: ${url} and [the docs](${url}).`,
        ],
      });
      await hostPage(page, h.t, {
        head: '<meta name="viewport" content="width=device-width, initial-scale=1">',
        body: '<repruv-chat display="bubble" site-key="pk_dev"></repruv-chat>',
      });
      await page.getByRole('button', { name: 'Open chat' }).click();
      await sendByEnter(page, 'How do I start it?');
      await page.locator('.msg.assistant[aria-busy="false"]').waitFor();
      expect(await measureReply(page)).toEqual({
        overflowX: 'auto',
        overflows: true,
        scrollbarShown: true,
        bubbleInPanel: true,
        logScrollsSideways: false,
        paragraphOverflow: 0,
      });
      await page.locator('.msg.assistant pre').scrollIntoViewIfNeeded();
      await screenshot(page, `long-content-${name}`);
    },
  );
});
