import { html, nothing } from 'lit';
import { ACTIVITY_PATH, analyticsQuery, type AdminSite } from '../admin-api.js';
import type { ActivityReport, AnalyticsQuery, QuestionsReport } from '../analytics-types.js';
import { renderActivityCharts } from './activity-charts.js';
import { renderActivityTotals } from './activity-totals.js';
import { renderRangeForm } from './analytics-range-form.js';
import { dateTime } from './format.js';
import { renderPopularQuestions } from './popular-questions.js';
import { renderSpendSection, type SpendFigures } from './spend-section.js';

export interface AnalyticsView {
  /** What the figures below are of. */
  query: AnalyticsQuery;
  activity: ActivityReport | null;
  questions: QuestionsReport | null;
  spend: SpendFigures | null;
  loading: boolean;
  error: string;
  invalid: string[];
  sites: AdminSite[];
  today: Date;
  onShow: (query: AnalyticsQuery) => void;
}

/** `2026-11-04 to 2026-12-03, all sites`: what the page shows, announced as it changes. */
function shown({ query, sites }: AnalyticsView): string {
  const site = sites.find((s) => s.id === query.siteId);
  return `${query.from} to ${query.to}, ${site ? site.name : 'all sites'}`;
}

export function renderAnalyticsPage(view: AnalyticsView) {
  const { activity, questions, spend } = view;
  const ready = activity !== null && questions !== null && spend !== null;
  return html`<section aria-labelledby="analytics-heading">
    <h2 id="analytics-heading">Analytics</h2>
    ${renderRangeForm(view)}
    <p role="status">${view.loading ? 'Loading…' : ready ? `Showing ${shown(view)}.` : ''}</p>
    ${
      ready
        ? html`<div class="analytics" aria-busy=${view.loading ? 'true' : nothing}>
            <p>
              ${
                activity.figures_as_of
                  ? `Figures as of ${dateTime(activity.figures_as_of)} (brought up to date every minute).`
                  : 'The figures are being worked out for the first time.'
              }
            </p>
            ${renderActivityTotals(activity.totals)}
            <p>
              <a href="${ACTIVITY_PATH}${analyticsQuery(view.query, { format: 'csv' })}" download
                >Download the daily figures as CSV</a
              >
            </p>
            ${renderActivityCharts(activity)}
            ${renderSpendSection(
              spend,
              view.query,
              activity.data.map((d) => d.day),
              view.sites,
            )}
            ${renderPopularQuestions(questions, view.query)}
          </div>`
        : nothing
    }
  </section>`;
}
