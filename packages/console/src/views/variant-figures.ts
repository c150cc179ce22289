import { html } from 'lit';
import type { VariantResult } from '../persona-types.js';
import { count, decimal, orDash, percent, usd } from './format.js';

interface Figure {
  /** The figure's name in the API (`data-figure`, for tests and scripts). */
  key: string;
  label: string;
  value: (variant: VariantResult) => string;
}

const share = orDash(percent);
const ms = orDash((n) => `${count(n)} ms`);

const FIGURES: Figure[] = [
  { key: 'weight', label: 'Weight', value: (v) => count(v.weight) },
  { key: 'sessions', label: 'Sessions', value: (v) => count(v.sessions) },
  { key: 'messages', label: 'Replies', value: (v) => count(v.messages) },
  {
    key: 'messages_per_session',
    label: 'Replies per session',
    value: (v) => orDash(decimal)(v.messages_per_session),
  },
  { key: 'votes_up', label: 'Thumbs up', value: (v) => count(v.votes_up) },
  { key: 'votes_down', label: 'Thumbs down', value: (v) => count(v.votes_down) },
  { key: 'thumbs_up_share', label: 'Thumbs-up share', value: (v) => share(v.thumbs_up_share) },
  {
    key: 'thumbs_up_interval',
    label: '95 % interval',
    value: ({ thumbs_up_interval: i }) => (i ? `${percent(i.low)}–${percent(i.high)}` : '—'),
  },
  { key: 'regenerate_rate', label: 'Regenerated', value: (v) => share(v.regenerate_rate) },
  { key: 'error_rate', label: 'Failed', value: (v) => share(v.error_rate) },
  { key: 'input_tokens', label: 'Input tokens', value: (v) => count(v.input_tokens) },
  { key: 'output_tokens', label: 'Output tokens', value: (v) => count(v.output_tokens) },
  {
    key: 'tokens_per_session',
    label: 'Tokens per session',
    value: (v) => orDash(decimal)(v.tokens_per_session),
  },
  { key: 'cost_usd', label: 'Cost', value: (v) => usd(v.cost_usd) },
  {
    key: 'cost_per_session_usd',
    label: 'Cost per session',
    value: (v) => orDash(usd)(v.cost_per_session_usd),
  },
  {
    key: 'first_token_ms.p50',
    label: 'First token, median',
    value: (v) => ms(v.first_token_ms.p50),
  },
  {
    key: 'first_token_ms.p95',
    label: 'First token, 95th percentile',
    value: (v) => ms(v.first_token_ms.p95),
  },
];

/**
 * Every figure of every variant: a row per variant (`data-variant`, its name), a cell per figure
 * (`data-figure`, the API's name for it). Wider than the page, so it scrolls on its own.
 */
export function renderVariantFigures(variants: VariantResult[]) {
  return html`<div class="scroller" role="region" aria-labelledby="figures-caption" tabindex="0">
    <table class="figures">
      <caption id="figures-caption">
        Every figure per variant
      </caption>
      <thead>
        <tr>
          <th scope="col">Variant</th>
          ${FIGURES.map((figure) => html`<th scope="col">${figure.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${variants.map(
          (variant) =>
            html`<tr data-variant=${variant.name}>
              <th scope="row">${variant.name}${variant.winner ? ' (winner)' : ''}</th>
              ${FIGURES.map(
                (figure) => html`<td data-figure=${figure.key}>${figure.value(variant)}</td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
