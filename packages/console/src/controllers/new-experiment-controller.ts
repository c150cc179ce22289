import type { ReactiveControllerHost } from 'lit';
import type { AdminApi } from '../admin-api.js';
import type { Persona } from '../persona-types.js';
import { experimentHref } from '../routes.js';
import { renderExperimentForm } from '../views/experiment-form.js';
import { renderLoading, renderNotFound } from '../views/placeholders.js';
import { PageController } from './page-controller.js';
import {
  experimentFrom,
  firstDrafts,
  withDraftAdded,
  withDraftChanged,
  withDraftRemoved,
  type VariantDraft,
} from './variant-drafts.js';

interface NewExperimentState {
  persona: Persona | null;
  name: string;
  drafts: VariantDraft[];
  error: string;
  notice: string;
  addedKey: number | null;
  busy: boolean;
  loading: boolean;
}

const EMPTY: NewExperimentState = {
  persona: null,
  name: '',
  drafts: [],
  error: '',
  notice: '',
  addedKey: null,
  busy: false,
  loading: false,
};

/** `#/experiments/new?persona=<id>`: the form that starts an experiment on a persona. */
export class NewExperimentController extends PageController<NewExperimentState> {
  constructor(
    host: ReactiveControllerHost,
    private readonly api: AdminApi,
  ) {
    super(host, EMPTY);
  }

  async open(personaId: string | null): Promise<void> {
    this.set({ ...EMPTY, loading: personaId !== null });
    if (personaId === null) return;
    await this.attempt(async () => {
      const persona = await this.api.persona(personaId);
      this.set({ persona, drafts: firstDrafts(persona.system_prompt) });
    });
    this.set({ loading: false });
  }

  add(): void {
    const drafts = withDraftAdded(this.state.drafts);
    this.set({
      drafts,
      addedKey: drafts.at(-1)?.key ?? null,
      notice: `Variant ${drafts.length} added.`,
    });
  }

  remove(key: number): void {
    const index = this.state.drafts.findIndex((draft) => draft.key === key);
    this.set({
      drafts: withDraftRemoved(this.state.drafts, key),
      notice: `Variant ${index + 1} removed.`,
    });
  }

  async start(persona: Persona): Promise<void> {
    this.set({ error: '', busy: true });
    await this.attempt(async () => {
      const body = experimentFrom(persona.id, this.state.name, this.state.drafts);
      const experiment = await this.api.createExperiment(body);
      location.hash = experimentHref(experiment.id);
    });
    this.set({ busy: false });
  }

  render() {
    const { persona, loading, error } = this.state;
    if (!persona) {
      if (loading) return renderLoading();
      return renderNotFound(error || 'Start an experiment from a persona’s page.', {
        href: '#/personas',
        label: 'All personas',
      });
    }
    return renderExperimentForm({
      ...this.state,
      persona,
      onName: (name) => this.set({ name }),
      onChange: (key, field, value) =>
        this.set({ drafts: withDraftChanged(this.state.drafts, key, field, value) }),
      onAdd: () => this.add(),
      onRemove: (key) => this.remove(key),
      onSubmit: () => void this.start(persona),
    });
  }
}
