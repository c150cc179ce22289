import { html, nothing } from 'lit';
import type { Experiment, Persona } from '../persona-types.js';
import { experimentHref, personaHref } from '../routes.js';
import { dateTime } from './format.js';

export interface ExperimentsListView {
  experiments: Experiment[];
  personas: Persona[];
  error: string;
}

function renderRow(experiment: Experiment, persona: Persona | undefined) {
  const winner = experiment.variants.find((v) => v.id === experiment.winner_variant_id);
  return html`<tr>
    <td><a href=${experimentHref(experiment.id)}>${experiment.name}</a></td>
    <td>
      ${
        persona
          ? html`<a href=${personaHref(persona.id)}>${persona.name}</a>
              (<code>${persona.mode}</code>)`
          : '—'
      }
    </td>
    <td>${experiment.status === 'running' ? 'Running' : 'Stopped'}</td>
    <td>${dateTime(experiment.started_at)}</td>
    <td>${winner?.name ?? '—'}</td>
  </tr>`;
}

export function renderExperimentsList({ experiments, personas, error }: ExperimentsListView) {
  const personaOf = (id: string) => personas.find((persona) => persona.id === id);
  return html`<section aria-labelledby="experiments-heading">
    <h2 id="experiments-heading">Experiments</h2>
    <p>
      An experiment tries other system prompts on a persona's visitors. Start one from
      <a href="#/personas">a persona's page</a>.
    </p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    ${
      experiments.length
        ? html`<table>
            <caption>
              Every prompt experiment, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Persona</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Promoted</th>
              </tr>
            </thead>
            <tbody>
              ${experiments.map((experiment) =>
                renderRow(experiment, personaOf(experiment.persona_id)),
              )}
            </tbody>
          </table>`
        : html`<p>None yet.</p>`
    }
  </section>`;
}
