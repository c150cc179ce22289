import { html, nothing } from 'lit';
import type { AdminSite } from '../admin-api.js';
import type { NewPersona, Persona } from '../persona-types.js';
import { experimentHref, personaHref } from '../routes.js';
import { personaFieldsFrom, renderPersonaFields } from './persona-fields.js';

export interface PersonasListView {
  personas: Persona[];
  sites: AdminSite[];
  error: string;
  /** What the last action did, e.g. a removal. */
  notice: string;
  onCreate: (persona: NewPersona) => void;
}

/** Where a persona answers: every site, or the one it was made for. */
export function scopeName(siteId: string | null, sites: AdminSite[]): string {
  if (siteId === null) return 'Global';
  return sites.find((site) => site.id === siteId)?.name ?? 'A removed site';
}

function renderRow(persona: Persona, sites: AdminSite[]) {
  const running = persona.running_experiment_id;
  return html`<tr>
    <td>
      <a href=${personaHref(persona.id)}><code>${persona.mode}</code></a>
    </td>
    <td>${persona.name}</td>
    <td>${scopeName(persona.site_id, sites)}</td>
    <td>${persona.model ?? 'Default'}</td>
    <td>${running ? html`<a href=${experimentHref(running)}>Running</a>` : 'None'}</td>
  </tr>`;
}

export function renderPersonasList({ personas, sites, error, notice, onCreate }: PersonasListView) {
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    onCreate({
      ...personaFieldsFrom(form),
      mode: String(form.get('mode') ?? '').trim(),
      site_id: String(form.get('site_id') ?? '') || null,
    });
  };
  return html`<section aria-labelledby="personas-heading">
    <h2 id="personas-heading">Personas</h2>
    <p role="status">${notice}</p>
    <table>
      <caption>
        What each session's mode answers with: a global persona, unless a site has its own
      </caption>
      <thead>
        <tr>
          <th scope="col">Mode</th>
          <th scope="col">Name</th>
          <th scope="col">Scope</th>
          <th scope="col">Model</th>
          <th scope="col">Experiment</th>
        </tr>
      </thead>
      <tbody>
        ${personas.map((persona) => renderRow(persona, sites))}
      </tbody>
    </table>
    <form @submit=${create} aria-labelledby="new-persona-heading">
      <h3 id="new-persona-heading">New persona</h3>
      <label for="new-persona-mode">Mode</label>
      <input
        id="new-persona-mode"
        name="mode"
        required
        maxlength="32"
        pattern="[a-z][a-z0-9_\\-]{0,31}"
        aria-describedby="new-persona-mode-rule"
      />
      <p id="new-persona-mode-rule">
        What sessions name it by: a lower-case letter, then up to 31 letters, digits, _ or -. It
        cannot change later.
      </p>
      <label for="new-persona-scope">Scope</label>
      <select id="new-persona-scope" name="site_id">
        <option value="">Global (every site)</option>
        ${sites.map((site) => html`<option value=${site.id}>${site.name} only</option>`)}
      </select>
      ${renderPersonaFields('new-persona')}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <button type="submit">Create persona</button>
    </form>
  </section>`;
}
