import { html, nothing } from 'lit';
import { analyticsQuery, USAGE_PATH, type AdminSite, type UsageDay } from '../admin-api.js';
import type { AnalyticsQuery } from '../analytics-types.js';
import { niceCountCeiling } from './chart-scale.js';
import { renderDayBars } from './day-bars.js';
import { renderDayLines } from './day-lines.js';
import { count, usd } from './format.js';

/** The usage rollups of a range: per day, and by model and by site (the latter for all sites only). */
export interface SpendFigures {
  daily: UsageDay[];
  byModel: UsageDay[];
  bySite: UsageDay[] | null;
}

interface KeyTotals {
  key: string | null;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** Each key's days added up, most costly first. */
export function totalsByKey(rows: UsageDay[]): KeyTotals[] {
  const totals = new Map<string | null, KeyTotals>();
  for (const row of rows) {
    const sum = totals.get(row.key) ?? {
      key: row.key,
      calls: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    };
    sum.calls += row.calls;
    sum.input_tokens += row.input_tokens;
    sum.output_tokens += row.output_tokens;
    sum.cost_usd += row.cost_usd;
    totals.set(row.key, sum);
  }
  return [...totals.values()].sort((a, b) => b.cost_usd - a.cost_usd);
}

function renderTotalsTable(
  id: string,
  caption: string,
  keyHeading: string,
  rows: KeyTotals[],
  name: (key: string | null) => string,
) {
  return html`<div class="scroller">
    <table class="figures" id=${id}>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${keyHeading}</th>
          <th scope="col">Calls</th>
          <th scope="col">Tokens in</th>
          <th scope="col">Tokens out</th>
          <th scope="col">Cost</th>
        </tr>
      </thead>
      <tbody>
        ${
          rows.length
            ? rows.map(
                (row) =>
                  html`<tr>
                    <th scope="row">${name(row.key)}</th>
                    <td>${count(row.calls)}</td>
                    <td>${count(row.input_tokens)}</td>
                    <td>${count(row.output_tokens)}</td>
                    <td>${usd(row.cost_usd)}</td>
                  </tr>`,
              )
            : html`<tr>
                <td colspan="5">No calls to Claude in this range.</td>
              </tr>`
        }
      </tbody>
    </table>
  </div>`;
}

/** Tokens and cost: per day, by model and by site, each table also a CSV download. */
export function renderSpendSection(
  spend: SpendFigures,
  query: AnalyticsQuery,
  days: string[],
  sites: AdminSite[],
) {
  const span = `${query.from} to ${query.to}`;
  const dayRow = (day: string) => spend.daily.find((row) => row.day === day);
  const siteName = (key: string | null) =>
    key === null ? 'The host’s own tokens' : (sites.find((s) => s.id === key)?.name ?? key);
  const csv = (group: string) =>
    `${USAGE_PATH}${analyticsQuery(query, { group_by: group, format: 'csv' })}`;
  return html`<section class="activity" aria-labelledby="spend-heading">
    <h3 id="spend-heading">Tokens and cost</h3>
    ${renderDayLines({
      id: 'tokens',
      caption: `Tokens in and out per day, ${span}`,
      days,
      series: [
        { label: 'Tokens in', values: days.map((day) => dayRow(day)?.input_tokens ?? 0) },
        { label: 'Tokens out', values: days.map((day) => dayRow(day)?.output_tokens ?? 0) },
      ],
      format: count,
      ceiling: niceCountCeiling,
    })}
    ${renderDayBars(
      'spend-cost',
      `Cost per day in US dollars, ${span}`,
      days.map((day) => ({ day, value: dayRow(day)?.cost_usd ?? 0 })),
      usd,
    )}
    ${renderTotalsTable('spend-by-model', `Cost and tokens by model, ${span}`, 'Model', totalsByKey(spend.byModel), (key) => key ?? '—')}
    ${
      spend.bySite
        ? renderTotalsTable(
            'spend-by-site',
            `Cost and tokens by site, ${span}`,
            'Site',
            totalsByKey(spend.bySite),
            siteName,
          )
        : nothing
    }
    <p>
      Download as CSV, day by day: <a href=${csv('none')} download>all</a> ·
      <a href=${csv('model')} download>by model</a>${
        spend.bySite ? html` · <a href=${csv('site')} download>by site</a>` : nothing
      }
    </p>
  </section>`;
}
