import { html } from 'lit';
import type { ActivityFigures } from '../analytics-types.js';
import { count, decimal, duration, orDash, percent } from './format.js';

const rate = orDash(percent);
const time = orDash(duration);

/** The whole range's figures, in one row above the charts. */
export function renderActivityTotals(totals: ActivityFigures) {
  const figures: Array<[key: string, label: string, value: string]> = [
    ['sessions', 'Sessions', count(totals.sessions)],
    ['messages', 'Messages', count(totals.messages)],
    ['replies', 'Replies', count(totals.replies)],
    ['error_rate', 'Error rate', rate(totals.error_rate)],
    ['first_token_ms.p50', 'First token p50', time(totals.first_token_ms.p50)],
    ['first_token_ms.p95', 'First token p95', time(totals.first_token_ms.p95)],
    ['messages_per_session', 'Messages per session', orDash(decimal)(totals.messages_per_session)],
  ];
  return html`<dl class="totals">
    ${figures.map(
      ([key, label, value]) =>
        html`<div class="card" data-figure=${key}>
          <dt>${label}</dt>
          <dd class="figure">${value}</dd>
        </div>`,
    )}
  </dl>`;
}
