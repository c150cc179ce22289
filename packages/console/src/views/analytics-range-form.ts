import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AdminSite } from '../admin-api.js';
import { lastDays, presetOf, RANGE_PRESETS } from '../analytics-range.js';
import type { AnalyticsQuery } from '../analytics-types.js';

export interface RangeFormView {
  /** What the figures show now. */
  query: AnalyticsQuery;
  sites: AdminSite[];
  /** The last call's failure, and the fields (`from`, `to`) it names. */
  error: string;
  invalid: string[];
  today: Date;
  onShow: (query: AnalyticsQuery) => void;
}

const ERROR_ID = 'analytics-error';

/** The form's range and site, as typed and chosen. */
function queryOf(form: HTMLFormElement): AnalyticsQuery {
  const values = new FormData(form);
  return {
    from: String(values.get('from') ?? ''),
    to: String(values.get('to') ?? ''),
    siteId: String(values.get('site') ?? ''),
  };
}

/**
 * The range (From and To, or a quick choice of days ending today) and the site. A quick choice or
 * another site shows at once; typed days show on "Show". A refusal is shown beside them.
 */
export function renderRangeForm(view: RangeFormView) {
  const { query, invalid } = view;
  const preset = presetOf(query, view.today);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    view.onShow(queryOf(event.target as HTMLFormElement));
  };
  const choosePreset = (days: number) => (event: Event) => {
    const form = (event.currentTarget as HTMLButtonElement).form!;
    view.onShow({ ...queryOf(form), ...lastDays(days, view.today) });
  };
  const chooseSite = (event: Event) =>
    view.onShow(queryOf((event.currentTarget as HTMLSelectElement).form!));
  const dayField = (name: 'from' | 'to', label: string) => {
    const wrong = invalid.includes(name);
    return html`<div class="field">
      <label for="analytics-${name}">${label}</label>
      <input
        id="analytics-${name}"
        name=${name}
        type="date"
        required
        .value=${live(query[name])}
        aria-invalid=${wrong ? 'true' : nothing}
        aria-describedby=${wrong ? ERROR_ID : nothing}
      />
    </div>`;
  };
  return html`<form class="range-form" aria-label="Range and site" @submit=${submit}>
      ${dayField('from', 'From')} ${dayField('to', 'To')}
      <button type="submit">Show</button>
      <div class="presets" role="group" aria-label="Quick ranges, ending today (UTC)">
        ${RANGE_PRESETS.map(
          (days) =>
            html`<button
              type="button"
              class="secondary"
              aria-pressed=${preset === days ? 'true' : 'false'}
              @click=${choosePreset(days)}
            >
              ${days} days
            </button>`,
        )}
      </div>
      <div class="field">
        <label for="analytics-site">Site</label>
        <select id="analytics-site" name="site" @change=${chooseSite}>
          <option value="" .selected=${live(query.siteId === '')}>All sites</option>
          ${view.sites.map(
            (site) =>
              html`<option value=${site.id} .selected=${live(query.siteId === site.id)}>
                ${site.name}
              </option>`,
          )}
        </select>
      </div>
    </form>
    ${view.error ? html`<p id=${ERROR_ID} class="error" role="alert">${view.error}</p>` : nothing}`;
}
