import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dragOver,
  drop,
  paste,
  pasteLarge,
  pdf,
  png,
  thumbnailSources,
  type TestFile,
} from './attachment-support.js';
import {
  apiGet,
  hostPage,
  poll,
  reply,
  startHarness,
  visitorAuth,
  type WidgetHarness,
} from './support.js';
import { chat, events, focused, openInlineChat } from './tree-support.js';

let h: WidgetHarness;
let red: TestFile;
let blue: TestFile;
let green: TestFile;

beforeAll(async () => {
  h = await startHarness();
  [red, blue, green] = await Promise.all([
    png('red.png'),
    png('blue.png', 64, 64),
    png('green.png'),
  ]);
});
afterAll(async () => {
  await h?.close();
});

const CHUNK = /\/widget\/chunks\/attachments-[\w-]+\.js$/;

/** An inline chat whose page records every URL it asks for and the attachment events. */
async function openChat(page: Page): Promise<string[]> {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await openInlineChat(h, page);
  await page.evaluate(() =>
    document.addEventListener('repruv-attachment-added', (e) =>
      (window as unknown as { __events: unknown[] }).__events.push({
        type: e.type,
        detail: (e as CustomEvent).detail,
      }),
    ),
  );
  return requested;
}

const previews = (page: Page) => page.locator('[part="attachment-preview"]');
const preview = (page: Page, name: string) => previews(page).filter({ hasText: name });

/** Waits until every preview's upload has ended. */
const uploadsEnded = (page: Page) =>
  poll(() => page.locator('[part="attachment-preview"] progress').count()).toBe(0);

interface StoredMessage {
  role: string;
  content: string;
  attachments: { name: string; kind: string; pages: number | null }[];
}

async function storedMessages(page: Page): Promise<StoredMessage[]> {
  const { token, sessionId } = await visitorAuth(page);
  const history = await apiGet<{ data: StoredMessage[] }>(
    h.t,
    token,
    `/chat/messages/${sessionId}`,
  );
  return history.data;
}

describe('attachments', () => {
  it('attaches by picker, paste and drop, removes one, sends them, shows them again after a reload, and opens one larger by keyboard', async () => {
    const page = await h.visitor();
    const requested = await openChat(page);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Attach files' }).click(),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(red);
    await preview(page, 'red.png').waitFor();
    expect(requested.some((url) => CHUNK.test(url))).toBe(true);
    expect(await preview(page, 'red.png').locator('img').getAttribute('src')).toMatch(/^blob:/);

    await paste(page, blue);
    await preview(page, 'blue.png').waitFor();

    await dragOver(page, green);
    await page.locator('.drop-target').filter({ hasText: 'Drop files to attach' }).waitFor();
    await drop(page, green);
    await preview(page, 'green.png').waitFor();
    expect(await page.locator('.drop-target').count()).toBe(0);

    await uploadsEnded(page);
    const added = await events(page, 'repruv-attachment-added');
    // In the order their uploads end.
    expect(added.map((e) => e.detail.name).sort()).toEqual(['blue.png', 'green.png', 'red.png']);
    expect(added[0]!.detail).toMatchObject({ kind: 'image', media_type: 'image/png' });

    await page.getByRole('button', { name: 'Remove blue.png' }).click();
    await poll(() => previews(page).count()).toBe(2);

    await chat(page, 'Look at these');
    expect(await previews(page).count()).toBe(0);
    const stored = await storedMessages(page);
    expect(stored[0]).toMatchObject({ role: 'user', content: 'Look at these' });
    expect(stored[0]!.attachments.map((a) => a.name)).toEqual(['red.png', 'green.png']);
    const toClaude = h.t.claude.requests.at(-1)!.body.messages.at(-1).content as { type: string }[];
    expect(toClaude.map((block) => block.type)).toEqual(['image', 'image', 'text']);

    await page.reload();
    await reply(page, 'You said: Look at these').waitFor();
    const thumbnails = page.locator('.msg.user [part="attachment"]');
    await poll(() => thumbnails.count()).toBe(2);
    await poll(async () =>
      (await thumbnailSources(page)).every((src) => src.startsWith('blob:')),
    ).toBe(true);

    const first = page.getByRole('button', { name: 'Open image: red.png' });
    await first.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'red.png' });
    await viewer.waitFor();
    await poll(() => focused(page)).toEqual({ part: 'attachment-viewer-close', row: -1 });
    await poll(() =>
      viewer.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBe(48);
    await page.keyboard.press('Escape');
    await poll(() => viewer.count()).toBe(0);
    await poll(() => focused(page)).toEqual({ part: 'attachment', row: 0 });
    // Escape closed the image only: the chat is still there.
    expect(await page.locator('[part="input"]').count()).toBe(1);
  });

  it('sends a PDF with no text; its chip shows the pages and downloads it', async () => {
    const page = await h.visitor();
    await openChat(page);
    const send = page.getByRole('button', { name: 'Send' });
    expect(await send.isDisabled()).toBe(true);
    await page.locator('input[type="file"]').setInputFiles(pdf('brief.pdf'));
    await preview(page, 'brief.pdf').waitFor();
    await poll(() => send.isDisabled()).toBe(false);
    await send.click();

    const chip = page.locator('.msg.user [part="attachment"]');
    await chip.waitFor();
    expect((await chip.textContent())!.replace(/\s+/g, ' ').trim()).toBe('brief.pdf 1 page');
    expect(await chip.getAttribute('aria-label')).toBe('Download brief.pdf, 1 page');
    await reply(page, 'You said:').waitFor();
    const stored = await storedMessages(page);
    expect(stored[0]).toMatchObject({ role: 'user', content: '' });
    expect(stored[0]!.attachments).toEqual([
      expect.objectContaining({ name: 'brief.pdf', kind: 'document', pages: 1 }),
    ]);

    const [download] = await Promise.all([page.waitForEvent('download'), chip.click()]);
    expect(download.suggestedFilename()).toBe('brief.pdf');
  });

  it('loads nothing of attachments before first use, and refuses too large, SVG and fake files inline', async () => {
    const page = await h.visitor();
    const requested = await openChat(page);
    await chat(page, 'Just text');
    expect(requested.filter((url) => CHUNK.test(url))).toEqual([]);

    await pasteLarge(page, 'huge.png', 'image/png', 12_000_000);
    const huge = preview(page, 'huge.png');
    await huge.waitFor();
    expect(requested.filter((url) => CHUNK.test(url))).toHaveLength(1);
    expect(await huge.getByRole('alert').textContent()).toBe(
      'Too large: 12 MB, the limit is 10 MB',
    );

    await pasteLarge(page, 'logo.svg', 'image/svg+xml', 100);
    expect(await preview(page, 'logo.svg').getByRole('alert').textContent()).toBe(
      "That file type isn't supported",
    );
    expect(requested.filter((url) => url.includes('/chat/attachments'))).toEqual([]);
    // Refused files alone do not make a message.
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    // Named and typed as a PNG, but not one: the server's 415 says why, with the file.
    await paste(page, { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
    const fake = preview(page, 'fake.png').getByRole('alert');
    await fake.waitFor();
    expect(await fake.textContent()).not.toBe('Could not upload this file');
    expect((await fake.textContent())!.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Remove huge.png' }).click();
    await poll(() => previews(page).count()).toBe(2);
    await poll(() => focused(page)).toEqual({ part: 'input', row: -1 });
  });

  it("shows attachments under a host's strict CSP that allows images from blob: only", async () => {
    const page = await h.visitor();
    // Before the page's own scripts, which this policy does not run inline.
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = violations;
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await hostPage(page, h.t, {
      body: '<repruv-chat site-key="pk_dev"></repruv-chat>',
      headers: {
        'Content-Security-Policy':
          "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' blob:",
      },
    });
    await page.locator('[part="input"]').waitFor();
    await paste(page, red);
    await uploadsEnded(page);
    await chat(page, 'Under a strict policy');
    await poll(async () =>
      (await thumbnailSources(page)).every((src) => src.startsWith('blob:')),
    ).toBe(true);
    expect(await thumbnailSources(page)).toHaveLength(1);
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    // The one inline script refused is the test page's own (window.__events), not the widget's.
    expect(violations.filter((v) => v !== 'script-src-elem inline')).toEqual([]);
  });
});
