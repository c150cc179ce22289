import { html, nothing } from 'lit';
import type { AdminSite } from '../admin-api.js';

export interface SitesListView {
  sites: AdminSite[];
  error: string;
  onCreate: (name: string, origins: string[]) => void;
}

/** One origin per line, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function renderSitesList({ sites, error, onCreate }: SitesListView) {
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    onCreate(String(form.get('name') ?? ''), linesOf(String(form.get('origins') ?? '')));
  };
  return html`<section aria-labelledby="sites-heading">
    <h2 id="sites-heading">Sites</h2>
    <table>
      <caption>
        Every site that may embed the widget
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Site key</th>
          <th scope="col">Origins</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${sites.map(
          (site) =>
            html`<tr>
              <td><a href="#/sites/${site.id}">${site.name}</a></td>
              <td><code>${site.site_key}</code></td>
              <td>${site.origins.join(', ')}</td>
              <td>${site.disabled ? 'Disabled' : 'Active'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <form class="new-site" @submit=${create} aria-labelledby="new-site-heading">
      <h3 id="new-site-heading">New site</h3>
      <label for="new-site-name">Name</label>
      <input id="new-site-name" name="name" required maxlength="100" />
      <label for="new-site-origins">Origins, one per line</label>
      <textarea
        id="new-site-origins"
        name="origins"
        required
        rows="3"
        placeholder="https://blog.example.com"
      ></textarea>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <button type="submit">Create site</button>
    </form>
  </section>`;
}
