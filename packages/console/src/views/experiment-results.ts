import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Experiment, ExperimentResults, Persona, Variant } from '../persona-types.js';
import { personaHref } from '../routes.js';
import { renderConfirmable } from './confirmable.js';
import { focusWhenAttached } from './focus-when-attached.js';
import { dateTime } from './format.js';
import { renderShareChart } from './share-chart.js';
import { renderVariantFigures } from './variant-figures.js';

export interface ExperimentResultsView {
  results: ExperimentResults;
  /** The experiment's persona, once read. */
  persona: Persona | null;
  /** The confirm step open: `stop`, or `promote-<variant id>`. */
  confirming: string | null;
  notice: string;
  error: string;
  busy: boolean;
  /** Focus Refresh (a stop or a promote just took its own button away). */
  focusRefresh: boolean;
  onRefresh: () => void;
  onAsk: (confirmId: string) => void;
  onCancel: () => void;
  onStop: () => void;
  onPromote: (variant: Variant) => void;
}

const focusRefresh = focusWhenAttached();

function statusLine(experiment: Experiment): string {
  if (experiment.stopped_at === null) return `Running since ${dateTime(experiment.started_at)}`;
  const winner = experiment.variants.find((v) => v.id === experiment.winner_variant_id);
  const stopped = `Stopped ${dateTime(experiment.stopped_at)}`;
  return winner ? `${stopped}; “${winner.name}” was promoted` : stopped;
}

function renderVariant(view: ExperimentResultsView, variant: Variant) {
  const experiment = view.results.experiment;
  const confirmId = `promote-${variant.id}`;
  return html`<li class="variant" aria-labelledby="variant-${variant.id}-name">
    <h4 id="variant-${variant.id}-name">${variant.name}</h4>
    <p>Weight ${variant.weight}</p>
    <details>
      <summary>Its system prompt</summary>
      <p class="prompt">${variant.system_prompt}</p>
    </details>
    ${
      experiment.winner_variant_id === variant.id
        ? html`<p><strong>Promoted:</strong> its prompt is the persona's now.</p>`
        : nothing
    }
    ${
      experiment.winner_variant_id === null
        ? renderConfirmable({
            id: confirmId,
            label: 'Promote this variant',
            question: `Make the prompt of “${variant.name}” the persona's own? The experiment stops.`,
            confirmLabel: 'Yes, promote',
            open: view.confirming === confirmId,
            onOpen: () => view.onAsk(confirmId),
            onConfirm: () => view.onPromote(variant),
            onCancel: view.onCancel,
          })
        : nothing
    }
  </li>`;
}

export function renderExperimentResults(view: ExperimentResultsView) {
  const { experiment, variants, figures_as_of: asOf } = view.results;
  const { persona } = view;
  return html`<section aria-labelledby="experiment-heading">
    <p><a href="#/experiments">All experiments</a></p>
    <h2 id="experiment-heading">${experiment.name}</h2>
    ${
      persona
        ? html`<p>
            On the persona <a href=${personaHref(persona.id)}>${persona.name}</a> (mode
            <code>${persona.mode}</code>)
          </p>`
        : nothing
    }
    <p>${statusLine(experiment)}</p>
    <div class="actions">
      <button
        type="button"
        ?disabled=${view.busy}
        @click=${view.onRefresh}
        ${ref(view.focusRefresh ? focusRefresh : undefined)}
      >
        Refresh
      </button>
      ${
        experiment.status === 'running'
          ? renderConfirmable({
              id: 'stop',
              label: 'Stop experiment',
              question: `Stop “${experiment.name}”? The persona's own prompt answers again; these results stay.`,
              confirmLabel: 'Yes, stop',
              open: view.confirming === 'stop',
              onOpen: () => view.onAsk('stop'),
              onConfirm: view.onStop,
              onCancel: view.onCancel,
            })
          : nothing
      }
    </div>
    <p role="status">${view.notice}</p>
    ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
    <p>
      Votes count at once. Sessions, replies, tokens, cost and times are added up every
      minute${asOf ? html`, last at ${dateTime(asOf)}` : ''}.
    </p>
    ${renderShareChart(
      'share',
      'Share of thumbs-up votes per variant, with its 95 % interval',
      variants.map((v) => ({
        label: v.name,
        share: v.thumbs_up_share,
        interval: v.thumbs_up_interval,
        votes: v.votes_up + v.votes_down,
      })),
    )}
    ${renderVariantFigures(variants)}
    <section aria-labelledby="variants-heading">
      <h3 id="variants-heading">Variants</h3>
      <ol class="variants">
        ${experiment.variants.map((variant) => renderVariant(view, variant))}
      </ol>
    </section>
  </section>`;
}
