import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPost,
  guestToken,
  injectAxe,
  openDemo,
  reply,
  screenshot,
  sendByEnter,
  sessionMessages,
  startHarness,
  transcript,
  visitorAuth,
  type WidgetHarness,
  poll,
  settle,
} from './support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const words = (n: number, prefix = 'Word') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}. `);

describe('the script-tag widget on the demo page', () => {
  it('sends with Enter, shows the typing indicator, then streams the reply in', async () => {
    const page = await h.visitor();
    await openDemo(page, h.t.url);
    // Record what the polite live region says: once per sentence, never per token.
    await page.evaluate(() => {
      const w = window as unknown as { __said: string[] };
      w.__said = [];
      const region = document
        .querySelector('repruv-chat')!
        .shadowRoot!.querySelector('[aria-live="polite"]')!;
      new MutationObserver(() => w.__said.push(region.textContent!.trim())).observe(region, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    h.t.claude.enqueue({
      kind: 'text',
      chunks: ['Hi ', 'there, ', '**friend**. ', 'How ', 'are ', 'you?'],
      chunkDelayMs: 150,
    });
    await sendByEnter(page, 'Hello there');
    // The user's message shows at once, the typing dots until the first token.
    await page.locator('.msg.user .bubble', { hasText: 'Hello there' }).waitFor();
    await page.locator('.typing').first().waitFor();
    await reply(page, 'Hi there').waitFor();
    await page.locator('.msg.assistant strong', { hasText: 'friend' }).waitFor();
    await page.locator('.msg.assistant[aria-busy="false"]').waitFor();
    expect(await transcript(page)).toEqual([
      'user: Hello there',
      'assistant: Hi there, friend. How are you?',
    ]);
    const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
    expect(said.filter((text, i) => text && text !== said[i - 1])).toEqual([
      'Hi there, friend.',
      'How are you?',
    ]);
    // Shift+Enter makes a new line instead of sending.
    const input = page.getByRole('textbox', { name: 'Message' });
    const oneLine = (await input.boundingBox())!.height;
    await input.type('line one');
    await input.press('Shift+Enter');
    await input.type('line two');
    expect(await input.inputValue()).toBe('line one\nline two');
    // …and the box grows with its text, up to a limit.
    expect((await input.boundingBox())!.height).toBeGreaterThan(oneLine);
    await input.fill(Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n'));
    expect((await input.boundingBox())!.height).toBeLessThanOrEqual(160);
    await input.fill('line one\nline two');
    expect(await page.locator('.msg').count()).toBe(2);
    // Input text is 16 px (no zoom on phones); user bubbles right, assistant bubbles left.
    expect(await input.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    const userBox = (await page.locator('.msg.user .bubble').boundingBox())!;
    const botBox = (await page.locator('.msg.assistant .bubble').boundingBox())!;
    expect(userBox.x).toBeGreaterThan(botBox.x);
    await screenshot(page, 'desktop');
  });

  it('stops a reply; the server keeps the partial text', async () => {
    const page = await h.visitor();
    await openDemo(page, h.t.url);
    h.t.claude.enqueue({ kind: 'text', chunks: words(40), chunkDelayMs: 150 });
    await sendByEnter(page, 'Count slowly');
    await reply(page, 'Word 2.').waitFor();
    await page.getByRole('button', { name: 'Stop generating' }).click();
    await page.locator('.msg.assistant .meta', { hasText: 'Stopped' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    const { token, sessionId } = await visitorAuth(page);
    await poll(async () => (await sessionMessages(h.t, token, sessionId!)).at(-1)?.status).toBe(
      'stopped',
    );
    const stored = (await sessionMessages(h.t, token, sessionId!)).at(-1)!;
    expect(stored.content).toMatch(/^Word 1\. Word 2\./);
    expect(stored.content).not.toContain('Word 40.');
  });

  it('shows an error with retry; retrying regenerates without duplicating', async () => {
    const page = await h.visitor();
    await openDemo(page, h.t.url);
    h.t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    await sendByEnter(page, 'Please answer');
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    await retry.click();
    await reply(page, 'You said: Please answer').waitFor();
    await poll(() => page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    const { token, sessionId } = await visitorAuth(page);
    const stored = await sessionMessages(h.t, token, sessionId!);
    expect(stored.filter((m) => m.role === 'user')).toHaveLength(1);
    expect(stored.map((m) => `${m.role}:${m.status}`)).toEqual([
      'user:complete',
      'assistant:complete',
    ]);
    expect(await transcript(page)).toEqual([
      'user: Please answer',
      'assistant: You said: Please answer',
    ]);
  });

  it('keeps history across a reload and re-attaches a reply still streaming', async () => {
    const page = await h.visitor();
    await openDemo(page, h.t.url);
    await sendByEnter(page, 'First question');
    await reply(page, 'You said: First question').waitFor();
    h.t.claude.enqueue({ kind: 'text', chunks: words(12, 'Part'), chunkDelayMs: 200 });
    await sendByEnter(page, 'Second question');
    await reply(page, 'Part 2.').waitFor();
    await page.reload();
    // The panel was open, so it opens again, with the history and the live reply.
    await page.locator('.msg.user .bubble', { hasText: 'First question' }).waitFor();
    await reply(page, 'Part 12.').waitFor({ timeout: 15_000 });
    const lines = await transcript(page);
    expect(lines.slice(0, 3)).toEqual([
      'user: First question',
      'assistant: You said: First question',
      'user: Second question',
    ]);
    expect(lines[3]).toBe(`assistant: ${words(12, 'Part').join('').trim()}`);
  });

  it('lazy-loads older messages at the top without moving the view', async () => {
    const page = await h.visitor();
    // Entry animations move bubbles by a few pixels; measure positions without them.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const guest = await guestToken(h.t);
    const session = await apiPost<{ id: string }>(h.t, guest.token, '/chat/sessions', {});
    for (let i = 1; i <= 32; i++) {
      await apiPost(h.t, guest.token, '/chat/messages', {
        session_id: session.id,
        content: `Seed ${i}`,
      });
    }
    await page.addInitScript(
      ([token, sessionId]) => {
        localStorage.setItem('repruv.guest.pk_dev', token!);
        localStorage.setItem('repruv.session.pk_dev', sessionId!);
      },
      [JSON.stringify(guest), session.id],
    );
    await openDemo(page, h.t.url);
    await reply(page, 'You said: Seed 32').waitFor();
    expect(await page.locator('.msg').count()).toBe(30);
    const log = page.locator('.log');
    await poll(() => log.evaluate((el) => el.scrollTop > 0)).toBe(true);
    // The message at the top stays where it was while older ones are put above it.
    const anchor = page.locator('.msg.user .bubble', { hasText: /^\s*You:\s*Seed 18\s*$/ });
    await log.evaluate((el) => (el.scrollTop = 0));
    const before = (await anchor.boundingBox())!.y;
    await poll(() => page.locator('.msg').count()).toBe(60);
    await page.waitForTimeout(100);
    expect(Math.abs((await anchor.boundingBox())!.y - before)).toBeLessThan(2);
    await log.evaluate((el) => (el.scrollTop = 0));
    await poll(() => page.locator('.msg').count()).toBe(64);
    expect(await page.locator('.msg').first().textContent()).toContain('Seed 1');
    // Scrolled up: auto-scroll is off and "jump to latest" brings the end back.
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await poll(() =>
      log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight),
    ).toBeLessThan(5);
    // Sending from further up brings the view back to the end too.
    await log.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    await sendByEnter(page, 'Back to the end');
    await reply(page, 'You said: Back to the end').waitFor();
    await poll(() =>
      log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight),
    ).toBeLessThan(5);
  });

  it('sends a quick prompt from the empty state', async () => {
    const page = await h.visitor();
    await openDemo(page, h.t.url);
    expect(await page.locator('.prompt').count()).toBe(6);
    await screenshot(page, 'desktop-empty');
    await page.getByRole('button', { name: 'Write a catchy Instagram caption' }).click();
    await reply(page, 'You said: Write a catchy Instagram caption').waitFor();
    expect(await page.locator('.prompt').count()).toBe(0);
  });

  it('works with the keyboard alone; Escape closes and focus returns to the launcher', async () => {
    const page = await h.visitor();
    await page.goto(h.t.url);
    const focusedLabel = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('aria-label') ?? el?.tagName ?? null;
      });
    // Tab past the demo page's own focusable code sample to the launcher.
    for (let i = 0; i < 4 && (await focusedLabel()) !== 'Open chat'; i++) {
      await page.keyboard.press('Tab');
    }
    await poll(focusedLabel).toBe('Open chat');
    await page.keyboard.press('Enter');
    await poll(focusedLabel).toBe('Message');
    await page.keyboard.type('Typed with keys');
    await page.keyboard.press('Enter');
    await reply(page, 'You said: Typed with keys').waitFor();
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.panel').count()).toBe(0);
    await poll(focusedLabel).toBe('Open chat');
    await page.keyboard.press('Enter');
    await poll(focusedLabel).toBe('Message');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await poll(focusedLabel).not.toBe('Message');
  });

  it('fills a phone screen (390×844)', async () => {
    const page = await h.visitor({ width: 390, height: 844, isMobile: true });
    await openDemo(page, h.t.url);
    await sendByEnter(page, 'Hi from my phone');
    await reply(page, 'You said: Hi from my phone').waitFor();
    await settle(page);
    const box = (await page.locator('.panel').boundingBox())!;
    expect(box).toMatchObject({ x: 0, y: 0, width: 390 });
    expect(Math.round(box.height)).toBe(844);
    await screenshot(page, 'phone');
  });

  it("runs Lit's production build: no dev-mode warning in the page's console", async () => {
    const page = await h.visitor();
    await openDemo(page, h.t.url);
    await sendByEnter(page, 'Any warnings?');
    await reply(page, 'You said: Any warnings?').waitFor();
    // Lit's dev build keeps the set of warnings it has issued; the production build has none.
    expect(await page.evaluate(() => 'litIssuedWarnings' in globalThis)).toBe(false);
    // This file's earlier pages too.
    expect(h.consoleLines.filter((line) => /dev mode|lit\.dev\/msg/i.test(line))).toEqual([]);
  });

  it('has no axe-core violations, closed and open with a conversation', async () => {
    const page = await h.visitor();
    // Axe measures colours mid-animation otherwise; this also checks the reduced-motion path.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(h.t.url);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await injectAxe(page);
    const run = () =>
      page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
          .axe;
        const result = await axe.run();
        return result.violations.map((v) => JSON.stringify(v).slice(0, 1500));
      });
    expect(await run()).toEqual([]);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await run()).toEqual([]);
    h.t.claude.enqueue({
      kind: 'text',
      chunks: [
        '# Ideas\n\n',
        '- One\n- Two\n\n',
        '```js\nconst x = 1;\n```\n\n',
        'See [docs](https://example.com).',
      ],
    });
    await sendByEnter(page, 'Give me ideas');
    await reply(page, 'See docs').waitFor();
    expect(await run()).toEqual([]);
  });
});
