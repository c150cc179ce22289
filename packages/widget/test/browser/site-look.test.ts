/** The widget takes the look its site's operator set in the console (GET /sites/{key}/config). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hostPage, poll, reply, startHarness, type WidgetHarness } from './support.js';

let h: WidgetHarness;
let site: { site_key: string };
const ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'];
const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self'; connect-src 'self'";

beforeAll(async () => {
  h = await startHarness();
  site = await h.t.server.sites.add('Look', ORIGINS, {
    widget: {
      title: 'Ask the blog',
      primary_color: '#0f766e',
      accent_color: '#fde68a',
      quick_prompts: ['What is new?', 'Summarise the last post'],
    },
    defaultMode: 'writing',
  });
});
afterAll(async () => {
  await h?.close();
});

const headerStyle = (page: Page) =>
  page.locator('[part="header"]').evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, color: style.color };
  });

describe("a site's look from the console", () => {
  it('shows its title, colours and quick prompts, even under a strict CSP, and starts in its mode', async () => {
    const page = await h.visitor();
    await hostPage(page, h.t, {
      body: `<repruv-chat site-key="${site.site_key}"></repruv-chat>`,
      headers: { 'Content-Security-Policy': STRICT_CSP },
    });
    await page.locator('[part="title"]', { hasText: 'Ask the blog' }).waitFor();
    expect(await headerStyle(page)).toEqual({
      background: 'rgb(15, 118, 110)',
      color: 'rgb(255, 255, 255)',
    });
    const prompts = page.locator('[part="quick-prompt"]');
    await poll(() => prompts.allTextContents()).toEqual([
      'What is new?',
      'Summarise the last post',
    ]);
    await prompts.first().click();
    const answer = reply(page, 'You said: What is new?');
    await answer.waitFor();
    // A light accent gets dark text on the assistant's bubbles.
    expect(await answer.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(28, 29, 33)');
    expect(await answer.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(253, 230, 138)',
    );
    const session = await h.t.server.db('ai_chat_sessions').orderBy('created_at', 'desc').first();
    expect(session.mode).toBe('writing');
  });

  it("the page's own attributes, properties and --repruv-* colours win", async () => {
    const page = await h.visitor();
    await hostPage(page, h.t, {
      head: '<style>repruv-chat { --repruv-primary: rgb(1, 2, 3); }</style>',
      body: `<repruv-chat site-key="${site.site_key}" title="Our help desk" mode="ideas"></repruv-chat>`,
      script: `customElements.whenDefined('repruv-chat').then(() => {
        document.querySelector('repruv-chat').quickPrompts = ['Only mine'];
      });`,
    });
    await page.locator('[part="title"]', { hasText: 'Our help desk' }).waitFor();
    // Wait for the site's config to have been read and applied (its accent shows).
    await poll(() =>
      page
        .locator('repruv-chat')
        .evaluate((el) => getComputedStyle(el).getPropertyValue('--_site-accent')),
    ).toBe('#fde68a');
    expect((await headerStyle(page)).background).toBe('rgb(1, 2, 3)');
    expect(await page.locator('[part="title"]').textContent()).toContain('Our help desk');
    expect(await page.locator('[part="quick-prompt"]').allTextContents()).toEqual(['Only mine']);
  });

  it('a site without a look, or a config that fails to load, keeps the widget’s own', async () => {
    const page = await h.visitor();
    await page.route(`${h.t.api}/sites/${site.site_key}/config`, (route) =>
      route.fulfill({ status: 500, body: 'boom' }),
    );
    await hostPage(page, h.t, { body: `<repruv-chat site-key="${site.site_key}"></repruv-chat>` });
    await page.locator('[part="input"]').waitFor();
    expect((await headerStyle(page)).background).toBe('rgb(67, 56, 202)');
    expect(await page.locator('[part="title"]').textContent()).not.toContain('Ask the blog');
  });
});
