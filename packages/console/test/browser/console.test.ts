/**
 * The operator console in Chromium: sign in, the sites, a site's look, sign out, the feedback,
 * personas and their prompt experiments; axe-clean.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { OperatorAccounts } from '../../../server/src/admin/operator-accounts.js';
import { createSession, sendMessage } from '../../../server/test/support/contract.js';
import {
  injectAxe,
  poll,
  screenshot,
  startHarness,
  type WidgetHarness,
} from '../../../widget/test/browser/support.js';

const EMAIL = 'ops@example.com';
const PASSWORD = 'a console passphrase';
let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
  await new OperatorAccounts(h.t.server.db).create(EMAIL, PASSWORD);
  // Three calls today and one yesterday in the ledger, rolled up for the overview's charts.
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
  await h.t.server.db('api_usage_log').insert(
    [0, 0, 0, 1].map((daysAgo, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      model: 'claude-sonnet-5-5',
      input_tokens: 100,
      output_tokens: 50,
      estimated_cost_usd: 0.25,
      outcome: 'complete',
      purpose: 'reply',
      created_at: at(daysAgo),
    })),
  );
  await h.t.server.usageRollups.runOnce();
});
afterAll(async () => {
  await h?.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => JSON.stringify(v).slice(0, 1500));
  });
}

async function signIn(page: Page, password = PASSWORD): Promise<void> {
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the operator console at /admin', () => {
  it('signs in, creates a site, sets its look (which the widget then reads) and signs out', async () => {
    const page = await h.visitor();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto(`${h.t.url}/admin`);
    expect(response!.headers()['content-security-policy']).toMatch(/default-src 'none'/);
    await injectAxe(page);
    await page.getByRole('heading', { name: 'Repruv Assistant console' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-sign-in');

    await signIn(page, 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' }).waitFor();
    await signIn(page);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The overview first: two charts, each readable as a table too.
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('img', { name: /^Calls to Claude per day/ }).waitFor();
    await page.getByRole('img', { name: /^Cost per day in US dollars/ }).waitFor();
    expect(await page.locator('details table tbody tr').count()).toBe(60);
    await page.getByText('3 calls · $0.75').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const todayRows = page.locator('details table tbody tr', { hasText: today });
    expect(await todayRows.allTextContents()).toEqual([`${today}3`, `${today}$0.75`]);
    // The tallest bar is today's, in both charts.
    const heights = await page
      .locator('svg[role="img"]')
      .first()
      .locator('rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights).toHaveLength(30);
    expect(heights.at(-1)).toBe(Math.max(...heights));
    expect(heights.at(-2)! / heights.at(-1)!).toBeCloseTo(1 / 3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-overview');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'by model' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^repruv-usage-.*-by-model\.csv$/);
    const csvLines = (await readFile((await csv.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(csvLines[0]).toBe('day,model,calls,errors,stopped,input_tokens,output_tokens,cost_usd');
    expect(csvLines.at(-1)).toBe(`${today},claude-sonnet-5-5,3,0,0,300,150,0.75`);
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('cell', { name: 'Local development' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-sites');

    await page.getByLabel('Name').fill('My blog');
    await page
      .getByLabel('Origins, one per line')
      .fill('https://blog.example.com\nhttp://localhost:*');
    await page.getByRole('button', { name: 'Create site' }).click();
    const secret = page.getByRole('status').filter({ hasText: 'Identity secret' });
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/sk_id_[0-9a-f]{48}/);
    const siteKey = (await page.locator('code').first().textContent())!;
    expect(siteKey).toMatch(/^pk_live_/);

    await page.getByLabel('Title', { exact: true }).fill('Ask the blog');
    await page.getByLabel('Own primary colour').check();
    await page.getByLabel('Primary colour', { exact: true }).fill('#0f766e');
    await page
      .getByLabel('Quick prompts, one per line (at most 6)')
      .fill('What is new?\nBest post?');
    await page.getByLabel('Daily budget, US dollars (empty: none)').fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-site-editor');
    const config = await (await fetch(`${h.t.api}/sites/${siteKey}/config`)).json();
    expect(config.widget).toEqual({
      title: 'Ask the blog',
      primary_color: '#0f766e',
      quick_prompts: ['What is new?', 'Best post?'],
    });

    // A wrong value is named, and nothing is saved.
    await page.getByLabel('Origins, one per line').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /origins/ })
      .waitFor();

    // Still signed in after a reload (the cookie); signing out ends it.
    await page.reload();
    await page.getByRole('heading', { name: 'My blog' }).waitFor();
    await page.getByRole('link', { name: 'All sites' }).click();
    await page.getByRole('cell', { name: 'My blog' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'repruv_operator')).toBeUndefined();
    expect(violations).toEqual([]);
  });

  it('keeps the session cookie from page scripts, and works on a tablet', async () => {
    const page = await h.visitor({ width: 820, height: 1180, isMobile: true });
    await page.goto(`${h.t.url}/admin`);
    await signIn(page);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'repruv_operator')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Sites' }).click();
    await poll(() => page.getByRole('cell', { name: 'Local development' }).count()).toBe(1);
    await screenshot(page, 'console-sites-tablet');
  });
});

describe('the feedback page', () => {
  it('lists ratings, filters them, opens a conversation and downloads them as JSONL', async () => {
    const session = await createSession(h.t, 'rater', { mode: 'writing' });
    const first = await sendMessage(h.t, session.id, 'Write me a hook', { as: 'rater' });
    const second = await sendMessage(h.t, session.id, 'Shorter, please', { as: 'rater' });
    for (const [sent, json] of [
      [first, { rating: 'up', tags: ['punchy'] }],
      [second, { rating: 'down', comment: 'Still too long' }],
    ] as const) {
      const rated = await h.t.request(`/chat/messages/${sent.assistant_message.id}/feedback`, {
        method: 'PUT',
        as: 'rater',
        json,
      });
      expect(rated.status).toBe(200);
    }

    const page = await h.visitor();
    await page.goto(`${h.t.url}/admin#/feedback`);
    await injectAxe(page);
    await signIn(page);
    const items = page.locator('.feedback-item');
    await poll(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('Still too long');

    await page.getByLabel('Rating', { exact: true }).selectOption('up');
    await page.getByRole('button', { name: 'Filter' }).click();
    await poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('punchy');

    await page.getByRole('button', { name: 'Open conversation' }).click();
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.waitFor();
    expect(await conversation.locator('li').allTextContents()).toEqual([
      expect.stringContaining('Write me a hook'),
      expect.stringContaining(first.assistant_message.content.slice(0, 20)),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-feedback');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these conversations as JSONL' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^repruv-feedback-\d{4}-\d\d-\d\d\.jsonl$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ rating: 'up', tags: ['punchy'], mode: 'writing' }),
    ]);
  });
});

/** Visitors of `mode`, each with one session and one reply, rated thumbs up through the chat API. */
async function voteUp(mode: string, voters: number): Promise<void> {
  for (let i = 0; i < voters; i++) {
    const visitor = `${mode}-voter-${i}`;
    const session = await createSession(h.t, visitor, { mode });
    const sent = await sendMessage(h.t, session.id, 'Where is my parcel?', { as: visitor });
    const rated = await h.t.request(`/chat/messages/${sent.assistant_message.id}/feedback`, {
      method: 'PUT',
      as: visitor,
      json: { rating: 'up' },
    });
    expect(rated.status).toBe(200);
  }
}

/** Each variant's figure `figure` on the results page, by variant name. */
async function figures(page: Page, figure: string): Promise<Record<string, string>> {
  return page
    .locator('tr[data-variant]')
    .evaluateAll(
      (rows, name) =>
        Object.fromEntries(
          rows.map((row) => [
            row.getAttribute('data-variant'),
            row.querySelector(`[data-figure="${name}"]`)!.textContent!.trim(),
          ]),
        ),
      figure,
    );
}

/** Whether `locator`'s element has the focus (inside the console's shadow root). */
const hasFocus = (locator: Locator) =>
  locator.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);

const sum = (values: Record<string, string>) =>
  Object.values(values).reduce((total, value) => total + Number(value.replace(/,/g, '')), 0);

describe('personas and prompt experiments', () => {
  it('creates a persona, starts an experiment on it, reads its results as votes come in and promotes a variant', async () => {
    const page = await h.visitor();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${h.t.url}/admin#/personas`);
    await injectAxe(page);
    await signIn(page);
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
    // The built-in personas are listed, each global.
    await page.getByRole('link', { name: 'general', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'Global', exact: true }).count()).toBe(4);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-personas');

    // A new persona: a mode that breaks the rule is refused by the form itself.
    const form = page.getByRole('form', { name: 'New persona' });
    await form.getByLabel('Mode', { exact: true }).fill('Support desk');
    expect(
      await form
        .getByLabel('Mode', { exact: true })
        .evaluate((el) => (el as HTMLInputElement).validity.patternMismatch),
    ).toBe(true);
    await form.getByLabel('Mode', { exact: true }).fill('support');
    await form.getByLabel('Name').fill('Support desk');
    await form.getByLabel('Description (for operators)').fill('Answers questions about orders');
    await form.getByLabel('System prompt').fill('You answer questions about orders, kindly.');
    await form.getByLabel(/^Temperature/).fill('0.3');
    await form.getByRole('button', { name: 'Create persona' }).click();
    await page.getByRole('heading', { name: 'Support desk' }).waitFor();
    expect(await page.getByLabel(/^Temperature/).inputValue()).toBe('0.3');
    expect(await page.getByLabel(/^Model/).inputValue()).toBe('');
    await page.getByLabel(/^Most tokens per reply/).fill('800');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The same mode again, in the same scope, is a conflict the list's form names.
    await page.getByRole('link', { name: 'All personas' }).click();
    await form.getByLabel('Mode', { exact: true }).fill('support');
    await form.getByLabel('Name').fill('Another');
    await form.getByLabel('System prompt').fill('Another prompt.');
    await form.getByRole('button', { name: 'Create persona' }).click();
    await form.getByRole('alert').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Support desk' });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'support',
      'Support desk',
      'Global',
      'Default',
      'None',
    ]);
    await row.getByRole('link', { name: 'support' }).click();
    await page.getByRole('heading', { name: 'Support desk' }).waitFor();
    expect(await page.getByLabel(/^Most tokens per reply/).inputValue()).toBe('800');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-persona-editor');

    // An experiment on it: two variants to start, the first the persona's own prompt.
    await page.getByRole('link', { name: 'Start an experiment' }).click();
    await page.getByRole('heading', { name: 'New experiment' }).waitFor();
    const variant = (n: number) => page.getByRole('group', { name: `Variant ${n}` });
    expect(await page.getByRole('group', { name: /^Variant/ }).count()).toBe(2);
    expect(await variant(1).getByLabel('System prompt').inputValue()).toBe(
      'You answer questions about orders, kindly.',
    );
    expect(await page.getByRole('button', { name: /^Remove variant/ }).count()).toBe(0);
    await page.getByLabel('Experiment name').fill('Shorter answers?');
    await variant(2).getByLabel('System prompt').fill('Answer in one sentence.');
    // Up to five, down to two again; what was typed stays.
    for (let n = 3; n <= 5; n++) await page.getByRole('button', { name: 'Add a variant' }).click();
    expect(await page.getByRole('group', { name: /^Variant/ }).count()).toBe(5);
    expect(await page.getByRole('button', { name: 'Add a variant' }).count()).toBe(0);
    expect(await hasFocus(variant(5).getByLabel('Name'))).toBe(true);
    for (let n = 5; n >= 3; n--) {
      await page.getByRole('button', { name: `Remove variant ${n}` }).click();
    }
    expect(await page.getByRole('group', { name: /^Variant/ }).count()).toBe(2);
    expect(await variant(2).getByLabel('System prompt').inputValue()).toBe(
      'Answer in one sentence.',
    );
    await variant(2).getByLabel('Weight, 1 to 100').fill('150');
    expect(
      await variant(2)
        .getByLabel('Weight, 1 to 100')
        .evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow),
    ).toBe(true);
    await variant(2).getByLabel('Weight, 1 to 100').fill('50');
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'console-new-experiment');
    await page.getByRole('button', { name: 'Start experiment' }).click();

    // Its results: nothing yet.
    await page.getByRole('heading', { name: 'Shorter answers?' }).waitFor();
    await page.getByRole('img', { name: /^Share of thumbs-up votes per variant/ }).waitFor();
    expect(await figures(page, 'votes_up')).toEqual({ A: '0', B: '0' });
    expect(await figures(page, 'thumbs_up_share')).toEqual({ A: '—', B: '—' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-experiment-results');

    // Votes cast through the chat API move the results (the votes at once, the replies once the
    // rollup job has run); which visitor gets which variant is the server's sticky hash.
    const voters = 6;
    await voteUp('support', voters);
    await h.t.server.usageRollups.runOnce();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Refreshed at/ })
      .waitFor();
    const votesUp = await figures(page, 'votes_up');
    expect(sum(votesUp)).toBe(voters);
    expect(Math.max(...Object.values(votesUp).map(Number))).toBeGreaterThan(0);
    expect(sum(await figures(page, 'messages'))).toBe(voters);
    expect(sum(await figures(page, 'sessions'))).toBe(voters);
    const leader = Object.entries(votesUp).sort(([, a], [, b]) => Number(b) - Number(a))[0]![0];
    expect((await figures(page, 'thumbs_up_share'))[leader]).toBe('100%');
    const bars = page.locator('svg[role="img"] rect');
    expect(await bars.count()).toBe(Object.values(votesUp).filter((n) => n !== '0').length);
    await screenshot(page, 'console-experiment-results-votes');

    // Stop asks first; Cancel (or Escape) leaves it running, focus back on the button.
    await page.getByRole('button', { name: 'Stop experiment' }).click();
    await page.getByRole('button', { name: 'Yes, stop' }).waitFor();
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('button', { name: 'Yes, stop' }).count()).toBe(0);
    expect(await hasFocus(page.getByRole('button', { name: 'Stop experiment' }))).toBe(true);

    // Promoting the leader asks first, then makes its prompt the persona's and stops the experiment.
    const leaderItem = page.getByRole('listitem', { name: leader, exact: true });
    await leaderItem.getByRole('button', { name: 'Promote this variant' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await leaderItem.getByRole('button', { name: 'Yes, promote' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Promoted “${leader}”` })
      .waitFor();
    await page.getByText(new RegExp(`^Stopped .*; “${leader}” was promoted$`)).waitFor();
    expect(await page.locator(`tr[data-variant="${leader}"] th`).textContent()).toBe(
      `${leader} (winner)`,
    );
    expect(await page.getByRole('button', { name: 'Stop experiment' }).count()).toBe(0);
    // Its button gone, the focus is on Refresh, not lost to the page.
    await poll(() => hasFocus(page.getByRole('button', { name: 'Refresh' }))).toBe(true);
    await page.getByRole('link', { name: 'Support desk' }).click();
    await page.getByRole('heading', { name: 'Support desk' }).waitFor();
    expect(await page.getByLabel('System prompt').inputValue()).toBe(
      leader === 'A' ? 'You answer questions about orders, kindly.' : 'Answer in one sentence.',
    );
    await page.getByRole('link', { name: 'Shorter answers?' }).waitFor();

    await page.getByRole('link', { name: 'Experiments', exact: true }).click();
    const listed = page.getByRole('row').filter({ hasText: 'Shorter answers?' });
    await listed.waitFor();
    expect(await listed.getByRole('cell').nth(2).textContent()).toBe('Stopped');
    expect(await listed.getByRole('cell').nth(4).textContent()).toBe(leader);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-experiments');

    // A persona of the operator's own can be deleted, after a confirm; a built-in one cannot.
    await page.getByRole('link', { name: 'Personas' }).click();
    await page.getByRole('link', { name: 'general', exact: true }).click();
    await page.getByRole('heading', { name: /general/i }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete persona' }).count()).toBe(0);
    await page.getByRole('link', { name: 'All personas' }).click();
    await page.getByRole('link', { name: 'support', exact: true }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted “Support desk”.' }).waitFor();
    expect(await page.getByRole('link', { name: 'support', exact: true }).count()).toBe(0);
    expect(violations).toEqual([]);
  }, 60_000);
});
