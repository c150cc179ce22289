import type { ReactiveControllerHost } from 'lit';
import type { AdminApi } from '../admin-api.js';
import type { ExperimentResults, Persona, Variant } from '../persona-types.js';
import { renderExperimentResults } from '../views/experiment-results.js';
import { renderLoading, renderNotFound } from '../views/placeholders.js';
import { PageController } from './page-controller.js';

interface ResultsState {
  results: ExperimentResults | null;
  persona: Persona | null;
  confirming: string | null;
  notice: string;
  error: string;
  busy: boolean;
  loading: boolean;
  /** After a stop or a promote took its button away: the focus goes to Refresh. */
  focusRefresh: boolean;
}

const EMPTY: ResultsState = {
  results: null,
  persona: null,
  confirming: null,
  notice: '',
  error: '',
  busy: false,
  loading: false,
  focusRefresh: false,
};

/** `#/experiments/<id>`: an experiment's results, and stopping it or promoting a variant. */
export class ExperimentResultsController extends PageController<ResultsState> {
  constructor(
    host: ReactiveControllerHost,
    private readonly api: AdminApi,
  ) {
    super(host, EMPTY);
  }

  async open(id: string): Promise<void> {
    this.set({ ...EMPTY, loading: true });
    await this.attempt(async () => {
      const results = await this.api.experimentResults(id);
      this.set({ results, persona: await this.api.persona(results.experiment.persona_id) });
    });
    this.set({ loading: false });
  }

  async refresh(id: string): Promise<void> {
    await this.#act(false, async () => {
      this.set({ results: await this.api.experimentResults(id) });
      return `Refreshed at ${new Date().toLocaleTimeString()}.`;
    });
  }

  async stop(id: string): Promise<void> {
    await this.#act(true, async () => {
      await this.api.stopExperiment(id);
      this.set({ results: await this.api.experimentResults(id) });
      return 'Stopped: the persona’s own prompt answers again.';
    });
  }

  async promote(id: string, variant: Variant): Promise<void> {
    await this.#act(true, async () => {
      const experiment = await this.api.promoteVariant(id, variant.id);
      const [results, persona] = await Promise.all([
        this.api.experimentResults(id),
        this.api.persona(experiment.persona_id),
      ]);
      this.set({ results, persona });
      return `Promoted “${variant.name}”: its prompt is the persona’s now.`;
    });
  }

  /** Runs `call` with the buttons held, then says what it did (`removesButton`: the focus moves to Refresh). */
  async #act(removesButton: boolean, call: () => Promise<string>): Promise<void> {
    this.set({ busy: true, confirming: null, error: '', notice: '', focusRefresh: false });
    await this.attempt(async () => this.set({ notice: await call() }));
    this.set({ busy: false, focusRefresh: removesButton });
  }

  render() {
    const { results, loading, error } = this.state;
    if (!results) {
      if (loading) return renderLoading();
      return renderNotFound(error || 'No experiment has this address.', {
        href: '#/experiments',
        label: 'All experiments',
      });
    }
    const id = results.experiment.id;
    return renderExperimentResults({
      ...this.state,
      results,
      onRefresh: () => void this.refresh(id),
      onAsk: (confirming) => this.set({ confirming }),
      onCancel: () => this.set({ confirming: null }),
      onStop: () => void this.stop(id),
      onPromote: (variant) => void this.promote(id, variant),
    });
  }
}
