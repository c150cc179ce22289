import { html, nothing } from 'lit';
import type { AdminSite } from '../admin-api.js';
import type { Experiment, Persona, PersonaChanges } from '../persona-types.js';
import { experimentHref, newExperimentHref } from '../routes.js';
import { renderConfirmable } from './confirmable.js';
import { dateTime } from './format.js';
import { personaFieldsFrom, renderPersonaFields } from './persona-fields.js';
import { scopeName } from './personas-list.js';

export interface PersonaEditorView {
  persona: Persona;
  /** The persona's experiments, newest first. */
  experiments: Experiment[];
  sites: AdminSite[];
  error: string;
  saved: boolean;
  confirmingDelete: boolean;
  onSave: (changes: PersonaChanges) => void;
  onAskDelete: () => void;
  onDelete: () => void;
  onCancelDelete: () => void;
}

function renderExperiments(persona: Persona, experiments: Experiment[]) {
  return html`<section aria-labelledby="persona-experiments-heading">
    <h3 id="persona-experiments-heading">Experiments</h3>
    ${
      experiments.length
        ? html`<ul>
            ${experiments.map(
              (experiment) =>
                html`<li>
                  <a href=${experimentHref(experiment.id)}>${experiment.name}</a>
                  ·
                  ${
                    experiment.stopped_at
                      ? `stopped ${dateTime(experiment.stopped_at)}`
                      : `running since ${dateTime(experiment.started_at)}`
                  }
                </li>`,
            )}
          </ul>`
        : html`<p>None yet.</p>`
    }
    ${
      persona.running_experiment_id
        ? html`<p>One experiment runs at a time; stop it to start another.</p>`
        : html`<p><a href=${newExperimentHref(persona.id)}>Start an experiment</a></p>`
    }
  </section>`;
}

export function renderPersonaEditor(view: PersonaEditorView) {
  const { persona } = view;
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    view.onSave(personaFieldsFrom(new FormData(event.target as HTMLFormElement)));
  };
  return html`<section aria-labelledby="persona-heading">
    <p><a href="#/personas">All personas</a></p>
    <h2 id="persona-heading">${persona.name}</h2>
    <p>
      Mode <code>${persona.mode}</code> · ${scopeName(persona.site_id, view.sites)}
      ${persona.built_in ? html`· built in: it can be changed, not removed` : nothing}
    </p>
    <form @submit=${save} aria-labelledby="persona-heading">
      <fieldset>
        <legend>Persona</legend>
        ${renderPersonaFields('persona', persona)}
      </fieldset>
      ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
      <p role="status">${view.saved ? 'Saved.' : ''}</p>
      <button type="submit">Save</button>
    </form>
    ${renderExperiments(persona, view.experiments)}
    ${
      persona.built_in
        ? nothing
        : renderConfirmable({
            id: 'delete-persona',
            label: 'Delete persona',
            question: `Delete “${persona.name}” and its experiments? Sessions of mode ${persona.mode} are then answered by the global persona of that mode, else by general.`,
            confirmLabel: 'Yes, delete',
            open: view.confirmingDelete,
            onOpen: view.onAskDelete,
            onConfirm: view.onDelete,
            onCancel: view.onCancelDelete,
          })
    }
  </section>`;
}
