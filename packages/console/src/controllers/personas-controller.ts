import type { ReactiveControllerHost } from 'lit';
import type { AdminApi, AdminSite } from '../admin-api.js';
import type { Experiment, NewPersona, Persona, PersonaChanges } from '../persona-types.js';
import { personaHref } from '../routes.js';
import { renderPersonaEditor } from '../views/persona-editor.js';
import { renderPersonasList } from '../views/personas-list.js';
import { renderLoading, renderNotFound } from '../views/placeholders.js';
import { PageController } from './page-controller.js';

interface PersonasState {
  personas: Persona[];
  /** The persona the editor shows, with its experiments. */
  persona: Persona | null;
  experiments: Experiment[];
  error: string;
  notice: string;
  saved: boolean;
  confirmingDelete: boolean;
  loading: boolean;
}

const EMPTY: PersonasState = {
  personas: [],
  persona: null,
  experiments: [],
  error: '',
  notice: '',
  saved: false,
  confirmingDelete: false,
  loading: false,
};

/** The personas pages: the list with its "New persona" form (`#/personas`), and the editor. */
export class PersonasController extends PageController<PersonasState> {
  /** A notice for the list the next time it opens (after a removal, which leaves the editor). */
  #nextNotice = '';

  constructor(
    host: ReactiveControllerHost,
    private readonly api: AdminApi,
  ) {
    super(host, EMPTY);
  }

  async openList(): Promise<void> {
    this.set({ ...EMPTY, personas: this.state.personas, notice: this.#nextNotice });
    this.#nextNotice = '';
    await this.attempt(async () => this.set({ personas: await this.api.personas() }));
  }

  async openEditor(id: string): Promise<void> {
    this.set({ ...EMPTY, loading: true });
    await this.attempt(async () => {
      const [persona, experiments] = await Promise.all([
        this.api.persona(id),
        this.api.experiments({ persona_id: id }),
      ]);
      this.set({ persona, experiments });
    });
    this.set({ loading: false });
  }

  async create(persona: NewPersona): Promise<void> {
    this.set({ error: '', notice: '' });
    await this.attempt(async () => {
      const created = await this.api.createPersona(persona);
      location.hash = personaHref(created.id);
    });
  }

  async save(id: string, changes: PersonaChanges): Promise<void> {
    this.set({ error: '', saved: false });
    await this.attempt(async () => {
      this.set({ persona: await this.api.updatePersona(id, changes), saved: true });
    });
  }

  async remove(persona: Persona): Promise<void> {
    this.set({ error: '', confirmingDelete: false });
    await this.attempt(async () => {
      await this.api.deletePersona(persona.id);
      this.#nextNotice = `Deleted “${persona.name}”.`;
      location.hash = '#/personas';
    });
  }

  renderList(sites: AdminSite[]) {
    return renderPersonasList({
      ...this.state,
      sites,
      onCreate: (persona) => void this.create(persona),
    });
  }

  renderEditor(sites: AdminSite[]) {
    const { persona, loading, error } = this.state;
    if (!persona) {
      if (loading) return renderLoading();
      return renderNotFound(error || 'No persona has this address.', {
        href: '#/personas',
        label: 'All personas',
      });
    }
    return renderPersonaEditor({
      ...this.state,
      persona,
      sites,
      onSave: (changes) => void this.save(persona.id, changes),
      onAskDelete: () => this.set({ confirmingDelete: true }),
      onDelete: () => void this.remove(persona),
      onCancelDelete: () => this.set({ confirmingDelete: false }),
    });
  }
}
