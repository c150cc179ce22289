import { html, type TemplateResult } from 'lit';
import type { ActivityDay, ActivityReport } from '../analytics-types.js';
import { renderDayBars } from './day-bars.js';
import { niceCountCeiling, niceDurationCeiling } from './chart-scale.js';
import { renderDayLines, type DaySeries } from './day-lines.js';
import { count, decimal, duration, percent } from './format.js';

const series = (
  label: string,
  days: ActivityDay[],
  value: (day: ActivityDay) => number | null,
): DaySeries => ({ label, values: days.map(value) });

function section(id: string, heading: string, charts: TemplateResult) {
  return html`<section class="activity" aria-labelledby="${id}-heading">
    <h3 id="${id}-heading">${heading}</h3>
    ${charts}
  </section>`;
}

/** The range day by day: conversations, messages, speed, reliability and engagement. */
export function renderActivityCharts({ from, to, data }: ActivityReport) {
  const days = data.map((d) => d.day);
  const span = `${from} to ${to}`;
  return html`${section(
    'conversations',
    'Conversations',
    renderDayLines({
      id: 'conversations',
      caption: `Sessions started and active users per day, ${span}`,
      days,
      series: [
        series('Sessions started', data, (d) => d.sessions),
        series('Active users', data, (d) => d.active_users),
      ],
      format: count,
      ceiling: niceCountCeiling,
    }),
  )}
  ${section(
    'messages',
    'Messages',
    renderDayBars(
      'messages',
      `Messages per day, ${span}`,
      data.map((d) => ({ day: d.day, value: d.messages })),
      count,
    ),
  )}
  ${section(
    'speed',
    'Speed',
    html`${renderDayLines({
      id: 'first-token',
      caption: `Time to the first token per day, ${span}`,
      days,
      series: [
        series('Median', data, (d) => d.first_token_ms.p50),
        series('95th percentile', data, (d) => d.first_token_ms.p95),
      ],
      format: duration,
      ceiling: niceDurationCeiling,
    })}
    ${renderDayLines({
      id: 'reply-time',
      caption: `Time to the whole reply per day, ${span}`,
      days,
      series: [
        series('Median', data, (d) => d.reply_ms.p50),
        series('95th percentile', data, (d) => d.reply_ms.p95),
      ],
      format: duration,
      ceiling: niceDurationCeiling,
    })}`,
  )}
  ${section(
    'reliability',
    'Reliability',
    html`${renderDayLines({
        id: 'failure-rates',
        caption: `Replies that failed or were stopped per day, ${span}`,
        days,
        series: [
          series('Error rate', data, (d) => d.error_rate),
          series('Stop rate', data, (d) => d.stop_rate),
        ],
        format: percent,
      })}
      ${renderDayLines({
        id: 'protections',
        caption: `Circuit-breaker openings and budget refusals per day, ${span}`,
        days,
        series: [
          series('Circuit-breaker openings', data, (d) => d.breaker_openings),
          series('Budget refusals', data, (d) => d.budget_refusals),
        ],
        format: count,
        ceiling: niceCountCeiling,
      })}
      <p>The circuit breaker is the server's own: its openings are the same for every site.</p>`,
  )}
  ${section(
    'engagement',
    'Engagement',
    html`${renderDayLines({
      id: 'messages-per-session',
      caption: `Messages per session per day, ${span}`,
      days,
      series: [series('Messages per session', data, (d) => d.messages_per_session)],
      format: decimal,
    })}
    ${renderDayLines({
      id: 'session-length',
      caption: `Median session length per day, ${span}`,
      days,
      series: [
        series('Session length, median', data, (d) =>
          d.session_seconds.p50 === null ? null : d.session_seconds.p50 * 1000,
        ),
      ],
      format: duration,
      ceiling: niceDurationCeiling,
    })}`,
  )}`;
}
