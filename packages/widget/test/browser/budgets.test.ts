import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostPage,
  injectAxe,
  poll,
  reply,
  sendByEnter,
  startHarness,
  type WidgetHarness,
} from './support.js';

let h: WidgetHarness;

// One token a day: a visitor's first reply is answered (and counted), the next send is refused.
beforeAll(async () => {
  h = await startHarness({ BUDGET_USER_TOKENS_PER_DAY: '1' });
});
afterAll(async () => {
  await h?.close();
});

/** A fixed UTC+1 all year, so the next UTC midnight is always 1:00 AM there. */
const UTC_PLUS_ONE = 'Etc/GMT-1';

/** The error line's text, with Intl's narrow no-break space read as a space. */
const errorLine = async (page: Page) =>
  (await page.locator('[part="error"] span').textContent())!.replace(/\s+/g, ' ').trim();

async function openChat(page: Page, attributes = 'site-key="pk_dev"') {
  await hostPage(page, h.t, {
    body: `<h1>A host page</h1><repruv-chat ${attributes}></repruv-chat>`,
  });
  await page.getByRole('textbox').waitFor();
}

/** Types and sends, in any locale (sendByEnter finds the input by its English name). */
async function send(page: Page, text: string) {
  await poll(() => page.locator('.msg.assistant[aria-busy="true"]').count()).toBe(0);
  await page.getByRole('textbox').fill(text);
  await page.getByRole('textbox').press('Enter');
}

/** Spends the visitor's day: one reply, counted in full. */
async function spendTheDay(page: Page) {
  await send(page, 'First, within the budget');
  await reply(page, 'First, within the budget').waitFor();
}

describe('a spent budget', () => {
  it('tells the visitor plainly when they can chat again, with no retry, the composer still usable', async () => {
    const page = await h.visitor({ timezoneId: UTC_PLUS_ONE });
    await openChat(page);
    await spendTheDay(page);
    await sendByEnter(page, 'Second, over the budget');
    await page.locator('[part="error"]').waitFor();
    expect(await errorLine(page)).toBe(
      "You've reached today's limit. You can chat again at 1:00 AM.",
    );
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    // Said to screen readers (role="alert"), not as a generic error.
    expect(await page.locator('[part="error"]').getAttribute('role')).toBe('alert');
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('Still typing');
    expect(await page.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
    // Refused before anything was stored: the transcript keeps the message, marked.
    expect(await page.locator('.msg.user').count()).toBe(2);
    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run()).violations.map((v) => JSON.stringify(v).slice(0, 1500));
    });
    expect(violations).toEqual([]);
  });

  it("says it in the widget's locale", async () => {
    const page = await h.visitor({ timezoneId: UTC_PLUS_ONE });
    await openChat(page, 'site-key="pk_dev" locale="de"');
    await spendTheDay(page);
    await send(page, 'Zweite Nachricht');
    await page.locator('[part="error"]').waitFor();
    expect(await errorLine(page)).toBe(
      'Du hast das heutige Limit erreicht. Ab 1:00 kannst du wieder chatten.',
    );
  });

  it("words a site's spent budget apart from the visitor's own", async () => {
    const site = await h.t.server.sites.add('Small budget', [h.t.url], { dailyBudgetUsd: 0.01 });
    const first = await h.visitor();
    await openChat(first, `site-key="${site.site_key}"`);
    // 100,000 input tokens cost more than the site's cent, at any Claude model's price.
    h.t.claude.enqueue({ kind: 'text', chunks: ['An expensive reply.'], inputTokens: 100_000 });
    await send(first, 'Something long');
    await reply(first, 'An expensive reply.').waitFor();
    // A new visitor of the same site, with a day's budget of their own left.
    const second = await h.visitor({ timezoneId: UTC_PLUS_ONE });
    await openChat(second, `site-key="${site.site_key}"`);
    await sendByEnter(second, 'Hello?');
    await second.locator('[part="error"]').waitFor();
    expect(await errorLine(second)).toBe(
      "The assistant has reached today's limit for this site. You can chat again at 1:00 AM.",
    );
  });
});

describe('a busy assistant', () => {
  it('says so, and when to try again, with retry offered', async () => {
    const page = await h.visitor();
    await openChat(page);
    // Every attempt (the SDK retries a 503 twice) meets the server's answer while it waits
    // out Claude's rate limit; Retry-After is short so the SDK's own waits are too.
    await page.route(`${h.t.api}/chat/messages*`, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            headers: { 'Retry-After': '1' },
            json: {
              error: { code: 'upstream_unavailable', message: 'Claude is at its rate limit.' },
              request_id: 'test',
            },
          })
        : route.continue(),
    );
    await sendByEnter(page, 'Are you there?');
    await page.locator('[part="error"]').waitFor({ timeout: 15_000 });
    expect(await errorLine(page)).toBe('The assistant is busy right now. Try again in 1 second.');
    await page.unroute(`${h.t.api}/chat/messages*`);
    await page.getByRole('button', { name: 'Retry' }).click();
    await reply(page, 'You said: Are you there?').waitFor();
    await poll(() => page.locator('[part="error"]').count()).toBe(0);
  });
});
