/**
 * The console's analytics page in Chromium, on 30 days of demo traffic (and one conversation on a
 * second site) rolled up by the real job: its charts and tables agree with the API, the range and
 * the site change them, the CSV downloads, the keyboard reaches every control; axe-clean, on a
 * laptop and a tablet.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { OperatorAccounts } from '../../../server/src/admin/operator-accounts.js';
import { seedDemoTraffic } from '../../../server/src/demo/demo-traffic.js';
import { messageBody } from '../../../server/test/support/http.js';
import {
  apiPost,
  injectAxe,
  poll,
  screenshot,
  startHarness,
  type WidgetHarness,
} from '../../../widget/test/browser/support.js';
import { lastDays } from '../../src/analytics-range.js';
import type { ActivityReport, QuestionsReport } from '../../src/analytics-types.js';
import { count, duration, percent, usd } from '../../src/views/format.js';

const EMAIL = 'analyst@example.com';
const PASSWORD = 'an analytics passphrase';
const ACTIVITY_CSV_HEADER =
  'day,sessions,active_sessions,active_users,messages,replies,errors,stopped,error_rate,stop_rate,' +
  'messages_per_session,session_seconds_p50,session_seconds_p95,first_token_ms_p50,' +
  'first_token_ms_p95,reply_ms_p50,reply_ms_p95,breaker_openings,budget_refusals';
let h: WidgetHarness;
let shop: { id: string; name: string };

/** A guest of `siteKey` asks one question through the chat API, as the widget would. */
async function askAsGuestOf(siteKey: string, question: string): Promise<void> {
  const response = await fetch(`${h.t.api}/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: h.t.url },
    body: JSON.stringify({ site_key: siteKey }),
  });
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  const session = await apiPost<{ id: string }>(h.t, token, '/chat/sessions', {});
  await apiPost(h.t, token, '/chat/messages', messageBody(session.id, question));
}

beforeAll(async () => {
  h = await startHarness();
  await new OperatorAccounts(h.t.server.db).create(EMAIL, PASSWORD);
  const dev = (await h.t.server.sites.findByKey('pk_dev'))!;
  expect(await seedDemoTraffic(h.t.server.db, dev.id)).toBe(true);
  const added = await h.t.server.sites.add('Shop', [h.t.url]);
  shop = { id: added.id, name: added.name };
  await askAsGuestOf(added.site_key, 'Do you ship to Canada?');
  await h.t.server.usageRollups.runOnce();
}, 60_000);
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

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** What the API answers the signed-in page for `path` (its cookie, its origin). */
function apiAsPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/admin/analytics/${path}`);
}

/** The rows of the table that follows the chart `caption` names, as cell texts. */
async function chartRows(page: Page, caption: RegExp): Promise<string[][]> {
  const figure = page.locator('figure').filter({ has: page.getByRole('img', { name: caption }) });
  return figure
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent!.trim())),
    );
}

const total = (page: Page, key: string) =>
  page.locator(`.totals [data-figure="${key}"] dd`).textContent();

/** Whether `locator`'s element has the focus (inside the console's shadow root). */
const hasFocus = (locator: Locator) =>
  locator.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);

const CHARTS = [
  /^Sessions started and active users per day, /,
  /^Messages per day, /,
  /^Time to the first token per day, /,
  /^Time to the whole reply per day, /,
  /^Replies that failed or were stopped per day, /,
  /^Circuit-breaker openings and budget refusals per day, /,
  /^Messages per session per day, /,
  /^Median session length per day, /,
  /^Tokens in and out per day, /,
  /^Cost per day in US dollars, /,
];

/** The cost column of a spend table, by its first cell. */
async function spendTable(page: Page, id: string): Promise<Record<string, string[]>> {
  const rows = await page
    .locator(`table#${id} tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())),
    );
  return Object.fromEntries(rows.map(([key, ...cells]) => [key!, cells]));
}

interface UsageRow {
  key: string | null;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** Each key's rows of a usage answer added up, as the page would show them. */
function usageTotals(rows: UsageRow[], name: (key: string | null) => string) {
  const totals: Record<string, [number, number, number, number]> = {};
  for (const row of rows) {
    const t = (totals[name(row.key)] ??= [0, 0, 0, 0]);
    t[0] += row.calls;
    t[1] += row.input_tokens;
    t[2] += row.output_tokens;
    t[3] += row.cost_usd;
  }
  return Object.fromEntries(
    Object.entries(totals).map(([key, [calls, input, output, cost]]) => [
      key,
      [count(calls), count(input), count(output), usd(cost)],
    ]),
  );
}

const orDash = (format: (n: number) => string) => (n: number | null) =>
  n === null ? '—' : format(n);

describe('the analytics page', () => {
  it('charts the last 30 days as the API counts them, by range and by site, and downloads them', async () => {
    const page = await h.visitor();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(`${h.t.url}/admin#/analytics`);
    await injectAxe(page);
    await signIn(page);
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    expect(await page.getByRole('link', { name: 'Analytics' }).getAttribute('aria-current')).toBe(
      'page',
    );

    // The last 30 days to today (UTC), every site: a chart per figure, each with its table.
    const month = lastDays(30);
    await page
      .getByRole('status')
      .filter({ hasText: `Showing ${month.from} to ${month.to}, all sites.` })
      .waitFor();
    expect(await page.getByLabel('From').inputValue()).toBe(month.from);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(month.to);
    expect(await page.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    for (const caption of CHARTS) await page.getByRole('img', { name: caption }).waitFor();

    const activity = await apiAsPage<ActivityReport>(
      page,
      `activity?from=${month.from}&to=${month.to}`,
    );
    expect(activity.data).toHaveLength(30);
    const conversations = await chartRows(page, CHARTS[0]!);
    expect(conversations).toHaveLength(30);
    for (const i of [0, 14, 29]) {
      const day = activity.data[i]!;
      expect(conversations[i]).toEqual([day.day, count(day.sessions), count(day.active_users)]);
    }
    const messages = await chartRows(page, CHARTS[1]!);
    expect(messages.map(([, value]) => value)).toEqual(activity.data.map((d) => count(d.messages)));
    const firstToken = await chartRows(page, CHARTS[2]!);
    expect(firstToken[29]).toEqual([
      activity.data[29]!.day,
      orDash(duration)(activity.data[29]!.first_token_ms.p50),
      orDash(duration)(activity.data[29]!.first_token_ms.p95),
    ]);
    const rates = await chartRows(page, CHARTS[4]!);
    expect(rates[14]![1]).toBe(orDash(percent)(activity.data[14]!.error_rate));
    expect(await total(page, 'sessions')).toBe(count(activity.totals.sessions));
    expect(await total(page, 'messages')).toBe(count(activity.totals.messages));
    expect(await total(page, 'first_token_ms.p50')).toBe(
      orDash(duration)(activity.totals.first_token_ms.p50),
    );
    // Tokens and cost, by model and by site, as the usage rollups add up.
    const range = `from=${month.from}&to=${month.to}`;
    const byModel = await apiAsPage<{ data: UsageRow[] }>(page, `usage?${range}&group_by=model`);
    expect(await spendTable(page, 'spend-by-model')).toEqual(
      usageTotals(byModel.data, (key) => key!),
    );
    const bySite = await apiAsPage<{ data: UsageRow[] }>(page, `usage?${range}&group_by=site`);
    const sites = await page.evaluate(async () => (await fetch('/api/v1/admin/sites')).json());
    const siteName = (key: string | null) =>
      key === null
        ? 'The host’s own tokens'
        : (sites.data.find((site: { id: string }) => site.id === key)?.name ?? key);
    expect(await spendTable(page, 'spend-by-site')).toEqual(usageTotals(bySite.data, siteName));

    // The popular questions: ranked, each with its wordings, as the API has them.
    const questions = await apiAsPage<QuestionsReport>(
      page,
      `questions?from=${month.from}&to=${month.to}`,
    );
    await page.getByText(/^Figures as of .+ \(brought up to date every minute\)\.$/).waitFor();
    expect(questions.data.length).toBeGreaterThan(3);
    const questionRows = page.locator('table.questions tbody tr');
    expect(await questionRows.count()).toBe(questions.data.length);
    const top = questions.data[0]!;
    expect(await questionRows.first().locator('th').textContent()).toBe(top.question);
    expect((await questionRows.first().locator('td').nth(1).textContent())!.trim()).toBe(
      count(top.sessions),
    );
    expect(await questionRows.first().locator('.examples li').allTextContents()).toEqual(
      top.examples.slice(1).map((example) => expect.stringContaining(example)),
    );
    expect(top.examples.length).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-analytics');

    // By keyboard: Tab from "Show" reaches the quick ranges, then the site; Enter chooses 7 days.
    await page.getByRole('button', { name: 'Show' }).focus();
    const week = page.getByRole('button', { name: '7 days' });
    await page.keyboard.press('Tab');
    expect(await hasFocus(week)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('button', { name: '30 days' }))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('button', { name: '90 days' }))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByLabel('Site', { exact: true }))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await hasFocus(week)).toBe(true);
    await page.keyboard.press('Enter');
    const seven = lastDays(7);
    await poll(() => chartRows(page, CHARTS[0]!).then((rows) => rows.length)).toBe(7);
    expect(await page.getByLabel('From').inputValue()).toBe(seven.from);
    expect(await week.getAttribute('aria-pressed')).toBe('true');
    const weekActivity = await apiAsPage<ActivityReport>(
      page,
      `activity?from=${seven.from}&to=${seven.to}`,
    );
    expect(await total(page, 'sessions')).toBe(count(weekActivity.totals.sessions));

    // One site: the shop's one conversation today, nothing to measure on the other days.
    await page.getByLabel('Site', { exact: true }).selectOption({ label: shop.name });
    await page
      .getByRole('status')
      .filter({ hasText: `Showing ${seven.from} to ${seven.to}, ${shop.name}.` })
      .waitFor();
    expect(await total(page, 'sessions')).toBe('1');
    const shopActivity = await apiAsPage<ActivityReport>(
      page,
      `activity?from=${seven.from}&to=${seven.to}&site_id=${shop.id}`,
    );
    expect(shopActivity.totals.sessions).toBe(1);
    const shopSpeed = await chartRows(page, CHARTS[2]!);
    expect(shopSpeed[0]).toEqual([seven.from, '—', '—']);
    expect(shopSpeed[6]![1]).toBe(orDash(duration)(shopActivity.data[6]!.first_token_ms.p50));
    // Six days with nothing to measure are a gap, not a line down to zero: today's dots alone.
    const speedChart = page.getByRole('img', { name: CHARTS[2] });
    expect(await speedChart.locator('path.line').count()).toBe(0);
    expect(await speedChart.locator('circle').count()).toBe(2);
    expect(await page.locator('table.questions tbody th').allTextContents()).toEqual([
      'Do you ship to Canada?',
    ]);
    // The shop's own spend: by model only (one site has no by-site table).
    const shopUsage = await apiAsPage<{ data: UsageRow[] }>(
      page,
      `usage?from=${seven.from}&to=${seven.to}&group_by=model&site_id=${shop.id}`,
    );
    expect(shopUsage.data.length).toBeGreaterThan(0);
    expect(await spendTable(page, 'spend-by-model')).toEqual(
      usageTotals(shopUsage.data, (key) => key!),
    );
    expect(await page.locator('table#spend-by-site').count()).toBe(0);

    // The daily figures of what is shown, as CSV: a header and a line per day.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the daily figures as CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(
      `repruv-activity-${seven.from}-to-${seven.to}-site-${shop.id}.csv`,
    );
    const lines = (await readFile((await csv.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe(ACTIVITY_CSV_HEADER);
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toMatch(new RegExp(`^${seven.to},1,`));

    // And the popular questions of every site.
    await page.getByLabel('Site', { exact: true }).selectOption({ label: 'All sites' });
    await page
      .getByRole('status')
      .filter({ hasText: `Showing ${seven.from} to ${seven.to}, all sites.` })
      .waitFor();
    const weekQuestions = await apiAsPage<QuestionsReport>(
      page,
      `questions?from=${seven.from}&to=${seven.to}`,
    );
    const [questionsCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the popular questions as CSV' }).click(),
    ]);
    const questionLines = (await readFile((await questionsCsv.path())!, 'utf8'))
      .trimEnd()
      .split('\r\n');
    expect(questionLines[0]).toBe('rank,question,sessions,share,examples,last_asked_at');
    expect(questionLines).toHaveLength(weekQuestions.data.length + 1);

    // A range the API refuses is named beside the range, and the figures stay as they were.
    await page.getByLabel('From').fill(seven.to);
    await page.getByLabel('To', { exact: true }).fill(seven.from);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').filter({ hasText: 'from must not be after to.' }).waitFor();
    expect(await page.getByLabel('From').getAttribute('aria-invalid')).toBe('true');
    expect(await chartRows(page, CHARTS[0]!)).toHaveLength(7);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '90 days' }).click();
    await poll(() => chartRows(page, CHARTS[0]!).then((rows) => rows.length)).toBe(90);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel('From').inputValue()).toBe(lastDays(90).from);
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('fits a tablet', async () => {
    const page = await h.visitor({ width: 768, height: 1024, isMobile: true });
    await page.goto(`${h.t.url}/admin#/analytics`);
    await injectAxe(page);
    await signIn(page);
    for (const caption of CHARTS) await page.getByRole('img', { name: caption }).waitFor();
    await page.locator('table.questions tbody tr').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-analytics-tablet');
  });
});
