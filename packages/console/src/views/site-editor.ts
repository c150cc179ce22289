import { html, nothing, type TemplateResult } from 'lit';
import type { AdminSite, SiteChanges, SiteWidget } from '../admin-api.js';
import { changesFrom, widgetFrom } from './site-changes.js';

export interface SiteEditorView {
  site: AdminSite;
  error: string;
  /** A secret just made (at creation or rotation), shown once. */
  secret: string;
  saved: boolean;
  /** The widget's preview, beside the form (below it on narrow screens). */
  preview: TemplateResult;
  onSave: (changes: SiteChanges) => void;
  /** The widget's look as the form holds it, at each keystroke or pick. */
  onWidgetInput: (widget: SiteWidget) => void;
  onRotate: () => void;
}

export function renderSiteEditor({
  site,
  error,
  secret,
  saved,
  preview,
  onSave,
  onWidgetInput,
  onRotate,
}: SiteEditorView) {
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    onSave(changesFrom(new FormData(event.target as HTMLFormElement)));
  };
  const input = (event: Event) =>
    onWidgetInput(widgetFrom(new FormData(event.currentTarget as HTMLFormElement)));
  const w = site.widget;
  return html`<section aria-labelledby="site-heading">
    <p><a href="#/sites">All sites</a></p>
    <h2 id="site-heading">${site.name}</h2>
    <p>Site key <code>${site.site_key}</code></p>
    <p class="embed">
      Embed:
      <code
        >&lt;script src="${location.origin}/widget.js" data-site-key="${site.site_key}"
        defer&gt;&lt;/script&gt;</code
      >
    </p>
    ${
      secret
        ? html`<p class="secret" role="status">
            Identity secret (shown once; keep it on the host's server): <code>${secret}</code>
          </p>`
        : nothing
    }
    <div class="site-editor">
      <form @submit=${save} @input=${input}>
        <fieldset>
          <legend>Site</legend>
          <label for="name">Name</label>
          <input id="name" name="name" required maxlength="100" .value=${site.name} />
          <label for="origins">Origins, one per line</label>
          <textarea
            id="origins"
            name="origins"
            rows="3"
            required
            .value=${site.origins.join('\n')}
          ></textarea>
          <label
            ><input type="checkbox" name="disabled" ?checked=${site.disabled} /> Disabled (no new
            visitors)</label
          >
        </fieldset>
        <fieldset>
          <legend>Visitors and spend</legend>
          <label for="challenge">Proof-of-work challenge</label>
          <select id="challenge" name="challenge">
            <option value="off" ?selected=${site.challenge === 'off'}>Off</option>
            <option value="on" ?selected=${site.challenge === 'on'}>On</option>
          </select>
          <label for="identity">Identity</label>
          <select id="identity" name="identity">
            <option value="optional" ?selected=${site.identity === 'optional'}>Optional</option>
            <option value="required" ?selected=${site.identity === 'required'}>
              Required (signed-in visitors only)
            </option>
          </select>
          <label for="daily_budget_usd">Daily budget, US dollars (empty: none)</label>
          <input
            id="daily_budget_usd"
            name="daily_budget_usd"
            type="number"
            min="0"
            step="0.01"
            .value=${site.daily_budget_usd === null ? '' : String(site.daily_budget_usd)}
          />
          <label for="fallback_model">Fallback model once it is spent (empty: refuse)</label>
          <input id="fallback_model" name="fallback_model" .value=${site.fallback_model ?? ''} />
        </fieldset>
        <fieldset>
          <legend>Widget</legend>
          <label for="widget_title">Title</label>
          <input id="widget_title" name="widget_title" maxlength="60" .value=${w.title ?? ''} />
          <label
            ><input type="checkbox" name="use_primary" ?checked=${!!w.primary_color} /> Own primary
            colour</label
          >
          <label for="primary_color">Primary colour</label>
          <input
            id="primary_color"
            name="primary_color"
            type="color"
            .value=${w.primary_color ?? '#4338ca'}
          />
          <label
            ><input type="checkbox" name="use_accent" ?checked=${!!w.accent_color} /> Own accent
            colour</label
          >
          <label for="accent_color">Accent colour</label>
          <input
            id="accent_color"
            name="accent_color"
            type="color"
            .value=${w.accent_color ?? '#eef0fb'}
          />
          <label for="quick_prompts">Quick prompts, one per line (at most 6)</label>
          <textarea
            id="quick_prompts"
            name="quick_prompts"
            rows="4"
            .value=${(w.quick_prompts ?? []).join('\n')}
          ></textarea>
          <label for="default_mode">Default mode (empty: the server's)</label>
          <input id="default_mode" name="default_mode" .value=${site.default_mode ?? ''} />
        </fieldset>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        ${saved ? html`<p role="status">Saved.</p>` : nothing}
        <button type="submit">Save</button>
        <button type="button" class="secondary" @click=${onRotate}>Rotate identity secret</button>
      </form>
      ${preview}
    </div>
  </section>`;
}
