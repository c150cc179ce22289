import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  MAX_VARIANTS,
  MIN_VARIANTS,
  type DraftField,
  type VariantDraft,
} from '../controllers/variant-drafts.js';
import type { Persona } from '../persona-types.js';
import { experimentHref, personaHref } from '../routes.js';
import { focusWhenAttached } from './focus-when-attached.js';
import { percent } from './format.js';

export interface ExperimentFormView {
  persona: Persona;
  name: string;
  drafts: VariantDraft[];
  error: string;
  /** What the last change did (a row added or removed), for screen readers. */
  notice: string;
  /** The row just added, whose name takes the focus. */
  addedKey: number | null;
  busy: boolean;
  onName: (name: string) => void;
  onChange: (key: number, field: DraftField, value: string) => void;
  onAdd: () => void;
  onRemove: (key: number) => void;
  onSubmit: () => void;
}

const focusAddedRow = focusWhenAttached();

/** Before a row goes, the field before it takes the focus, or focus would fall to the page. */
function focusBefore(event: Event) {
  const row = (event.currentTarget as HTMLElement).closest('fieldset');
  const previous = row?.previousElementSibling;
  const field = previous?.matches('input') ? previous : previous?.querySelector('input');
  (field as HTMLElement | null | undefined)?.focus();
}

const FIELDS: ReadonlySet<string> = new Set<DraftField>(['name', 'weight', 'system_prompt']);

/** The share of visitors each weight gives, as the operator types them. */
function sharesOf(drafts: VariantDraft[]): number[] {
  const weights = drafts.map((draft) => Math.max(Number(draft.weight) || 0, 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => (total > 0 ? weight / total : 0));
}

function renderDraft(view: ExperimentFormView, draft: VariantDraft, index: number, share: number) {
  const id = (field: string) => `variant-${draft.key}-${field}`;
  return html`<fieldset>
    <legend>Variant ${index + 1}</legend>
    <label for=${id('name')}>Name</label>
    <input
      id=${id('name')}
      ${ref(draft.key === view.addedKey ? focusAddedRow : undefined)}
      data-key=${draft.key}
      data-field="name"
      required
      maxlength="60"
      .value=${draft.name}
    />
    <label for=${id('weight')}>Weight, 1 to 100</label>
    <input
      id=${id('weight')}
      data-key=${draft.key}
      data-field="weight"
      type="number"
      min="1"
      max="100"
      step="1"
      required
      aria-describedby=${id('share')}
      .value=${draft.weight}
    />
    <p id=${id('share')}>About ${percent(share)} of visitors</p>
    <label for=${id('system_prompt')}>System prompt</label>
    <textarea
      id=${id('system_prompt')}
      data-key=${draft.key}
      data-field="system_prompt"
      rows="6"
      required
      maxlength="20000"
      .value=${draft.system_prompt}
    ></textarea>
    ${
      view.drafts.length > MIN_VARIANTS
        ? html`<button
            type="button"
            class="secondary"
            @click=${(event: Event) => {
              focusBefore(event);
              view.onRemove(draft.key);
            }}
          >
            Remove variant ${index + 1}
          </button>`
        : nothing
    }
  </fieldset>`;
}

export function renderExperimentForm(view: ExperimentFormView) {
  const { persona } = view;
  const input = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    const { key, field = '' } = target.dataset;
    if (field === 'experiment-name') view.onName(target.value);
    else if (key !== undefined && FIELDS.has(field)) {
      view.onChange(Number(key), field as DraftField, target.value);
    }
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    view.onSubmit();
  };
  const shares = sharesOf(view.drafts);
  return html`<section aria-labelledby="new-experiment-heading">
    <p><a href=${personaHref(persona.id)}>Back to ${persona.name}</a></p>
    <h2 id="new-experiment-heading">New experiment</h2>
    <p>
      On the persona ${persona.name} (mode <code>${persona.mode}</code>). It starts at once: each
      visitor of a session of this mode keeps one variant, picked on the weights, whose prompt
      answers instead of the persona's.
    </p>
    ${
      persona.running_experiment_id
        ? html`<p role="alert">
            This persona runs an experiment already:
            <a href=${experimentHref(persona.running_experiment_id)}>its results</a>. Stop it to
            start another.
          </p>`
        : html`<form @submit=${submit} @input=${input} aria-labelledby="new-experiment-heading">
            <label for="experiment-name">Experiment name</label>
            <input
              id="experiment-name"
              data-field="experiment-name"
              required
              maxlength="100"
              .value=${view.name}
            />
            ${repeat(
              view.drafts,
              (draft) => draft.key,
              (draft, index) => renderDraft(view, draft, index, shares[index] ?? 0),
            )}
            ${
              view.drafts.length < MAX_VARIANTS
                ? html`<button type="button" class="secondary" @click=${view.onAdd}>
                    Add a variant
                  </button>`
                : html`<p>Five variants at most.</p>`
            }
            <p role="status">${view.notice}</p>
            ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
            <button type="submit" ?disabled=${view.busy}>Start experiment</button>
          </form>`
    }
  </section>`;
}
