import type { ReactiveControllerHost } from 'lit';
import type { AdminApi } from '../admin-api.js';
import type { Experiment, Persona } from '../persona-types.js';
import { renderExperimentsList } from '../views/experiments-list.js';
import { PageController } from './page-controller.js';

interface ExperimentsState {
  experiments: Experiment[];
  /** For the names of the experiments' personas. */
  personas: Persona[];
  error: string;
}

/** `#/experiments`: every experiment, with its persona. */
export class ExperimentsController extends PageController<ExperimentsState> {
  constructor(
    host: ReactiveControllerHost,
    private readonly api: AdminApi,
  ) {
    super(host, { experiments: [], personas: [], error: '' });
  }

  async open(): Promise<void> {
    this.set({ error: '' });
    await this.attempt(async () => {
      const [experiments, personas] = await Promise.all([
        this.api.experiments(),
        this.api.personas(),
      ]);
      this.set({ experiments, personas });
    });
  }

  render() {
    return renderExperimentsList(this.state);
  }
}
