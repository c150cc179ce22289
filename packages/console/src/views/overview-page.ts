import { html, nothing } from 'lit';
import { USAGE_PATH, type Overview, type UsageDay, type UsageTotals } from '../admin-api.js';
import { renderDayBars, type DayValue } from './day-bars.js';
import { count, usd } from './format.js';

export interface OverviewView {
  overview: Overview | null;
  /** The last 30 days, oldest first, days without calls included (as zero). */
  days: UsageDay[];
  range: { from: string; to: string };
  error: string;
}

function card(label: string, today: UsageTotals, yesterday: UsageTotals) {
  return html`<div class="card">
    <h3>${label}</h3>
    <p class="figure">${count(today.calls)} calls · ${usd(today.cost_usd)}</p>
    <p>
      Yesterday: ${count(yesterday.calls)} calls · ${usd(yesterday.cost_usd)}; errors today:
      ${count(today.errors)}
    </p>
  </div>`;
}

/** Every day of the range, zero where the rollups have none. */
export function everyDay(rows: UsageDay[], from: string, to: string): DayValue[][] {
  const calls: DayValue[] = [];
  const cost: DayValue[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    const day = new Date(t).toISOString().slice(0, 10);
    const row = rows.find((r) => r.day === day);
    calls.push({ day, value: row?.calls ?? 0 });
    cost.push({ day, value: row?.cost_usd ?? 0 });
  }
  return [calls, cost];
}

export function renderOverviewPage(view: OverviewView) {
  const { overview, range } = view;
  const [calls, cost] = everyDay(view.days, range.from, range.to);
  const csv = (group: string) =>
    `${USAGE_PATH}?from=${range.from}&to=${range.to}&group_by=${group}&format=csv`;
  return html`<section aria-labelledby="overview-heading">
    <h2 id="overview-heading">Overview</h2>
    ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
    ${
      overview
        ? html`<div class="cards">
            ${card('Today (UTC)', overview.today, overview.yesterday)}
            <div class="card">
              <h3>This month so far</h3>
              <p class="figure">${usd(overview.month_to_date_cost_usd)}</p>
            </div>
          </div>`
        : html`<p role="status">Loading…</p>`
    }
    ${renderDayBars('calls', `Calls to Claude per day, ${range.from} to ${range.to}`, calls!, count)}
    ${renderDayBars('cost', `Cost per day in US dollars, ${range.from} to ${range.to}`, cost!, usd)}
    <p>
      Download as CSV: <a href=${csv('none')} download>all</a> ·
      <a href=${csv('model')} download>by model</a> · <a href=${csv('site')} download>by site</a>
    </p>
  </section>`;
}
