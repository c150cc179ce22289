/**
 * The site editor's live preview: the real `<repruv-chat>` beside the form (below it on a tablet),
 * following the form as the operator types, before anything is saved, and never calling the chat
 * or auth API; axe-clean under the console's CSP.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorAccounts } from '../../../server/src/admin/operator-accounts.js';
import {
  injectAxe,
  poll,
  screenshot,
  startHarness,
  type WidgetHarness,
} from '../../../widget/test/browser/support.js';

const EMAIL = 'preview@example.com';
const PASSWORD = 'a console passphrase';
let h: WidgetHarness;
let siteId: string;

beforeAll(async () => {
  h = await startHarness();
  await new OperatorAccounts(h.t.server.db).create(EMAIL, PASSWORD);
  const site = await h.t.server.sites.add('Cooking blog', ['https://cooking.example.com'], {
    widget: { title: 'Ask the cook', primary_color: '#0f766e', quick_prompts: ['What is new?'] },
  });
  siteId = site.id;
});
afterAll(async () => {
  await h?.close();
});

/** Signs in on the site's editor; resolves with every path the page asks for from then on. */
async function openEditor(page: Page): Promise<{ requests: string[]; cspViolations: string[] }> {
  const requests: string[] = [];
  const cspViolations: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${h.t.url}/admin#/sites/${siteId}`);
  await injectAxe(page);
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cooking blog' }).waitFor();
  return { requests, cspViolations };
}

const preview = (page: Page) => page.getByRole('region', { name: 'Preview of the widget' });
/** The title in the real widget's shadow root (Playwright's CSS pierces open shadow roots). */
const previewTitle = (page: Page) =>
  preview(page).locator('repruv-chat [part="title"]').textContent();
const previewHeader = (page: Page) =>
  preview(page)
    .locator('repruv-chat [part="header"]')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
const previewPrompts = (page: Page) =>
  preview(page).locator('repruv-chat [part="quick-prompt"]').allTextContents();

async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => JSON.stringify(v).slice(0, 1500));
  });
}

describe("the site editor's preview of the widget", () => {
  it('shows the saved look, follows each keystroke and pick before saving, and calls no chat API', async () => {
    const page = await h.visitor();
    const { requests, cspViolations } = await openEditor(page);
    await preview(page).locator('repruv-chat [part="title"]').waitFor();
    expect(await previewTitle(page)).toContain('Ask the cook');
    expect(await previewHeader(page)).toBe('rgb(15, 118, 110)');
    expect(await previewPrompts(page)).toEqual(['What is new?']);

    // Each change shows in the very next frame: no save, no server round trip.
    await page.getByLabel('Title', { exact: true }).fill('Ask Chef Ada');
    expect(await previewTitle(page)).toContain('Ask Chef Ada');
    await page.getByLabel('Primary colour', { exact: true }).fill('#b45309');
    expect(await previewHeader(page)).toBe('rgb(180, 83, 9)');
    await page
      .getByLabel('Quick prompts, one per line (at most 6)')
      .fill('What is new?\nA quick dinner?');
    expect(await previewPrompts(page)).toEqual(['What is new?', 'A quick dinner?']);
    // A colour counts only with its box ticked, in the preview as in what Save sends.
    await page.getByLabel('Own primary colour').uncheck();
    expect(await previewHeader(page)).toBe('rgb(67, 56, 202)');
    await page.getByLabel('Own primary colour').check();
    expect(await previewHeader(page)).toBe('rgb(180, 83, 9)');

    // Beside the form on a laptop, and no focus stop inside: Tab from the last button leaves it.
    const form = await page.locator('.site-editor > form').boundingBox();
    const region = await preview(page).boundingBox();
    expect(region!.x).toBeGreaterThanOrEqual(form!.x + form!.width);
    await page.getByRole('button', { name: 'Rotate identity secret' }).focus();
    await page.keyboard.press('Tab');
    expect(
      await preview(page)
        .locator('repruv-chat')
        .evaluate((chat) => chat.shadowRoot!.activeElement),
    ).toBeNull();

    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('group', { name: 'Widget' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-site-preview');

    // The preview's widget came from the server's widget route; it asked nothing of the chat API.
    expect(requests).toContain('/widget/panel.js');
    const api = requests.filter((path) => path.startsWith('/api/'));
    expect(api.filter((path) => /^\/api\/v1\/(chat|auth|sessions)\b/.test(path))).toEqual([]);
    expect(api.filter((path) => !path.startsWith('/api/v1/admin/'))).toEqual([]);
    expect(cspViolations).toEqual([]);

    // Saving keeps the preview as it is, and the widget on a site then reads the same look.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await previewTitle(page)).toContain('Ask Chef Ada');
    const site = await h.t.server.db('sites').where({ id: siteId }).first();
    const config = await (await fetch(`${h.t.api}/sites/${site.site_key}/config`)).json();
    expect(config.widget).toEqual({
      title: 'Ask Chef Ada',
      primary_color: '#b45309',
      quick_prompts: ['What is new?', 'A quick dinner?'],
    });
  });

  it('sits below the form on a tablet', async () => {
    const page = await h.visitor({ width: 768, height: 1024, isMobile: true });
    const { requests } = await openEditor(page);
    await preview(page).locator('repruv-chat [part="title"]').waitFor();
    const form = await page.locator('.site-editor > form').boundingBox();
    const region = await preview(page).boundingBox();
    expect(region!.y).toBeGreaterThanOrEqual(form!.y + form!.height);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByLabel('Title', { exact: true }).fill('On the go');
    await poll(() => previewTitle(page)).toContain('On the go');
    expect(await axeViolations(page)).toEqual([]);
    // The end of the form and the preview under it.
    await preview(page).evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'console-site-preview-tablet');
    expect(requests.filter((path) => /^\/api\/v1\/(chat|auth)\b/.test(path))).toEqual([]);
  });
});
