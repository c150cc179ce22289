import type { History, HistoryOptions } from '../history/history.js';

/**
 * Loads the conversations drawer's chunk on the first press of the history button; until
 * then the panel carries only the button.
 */
export class HistoryLoader {
  feature: History | null = null;
  readonly #options: HistoryOptions;
  #loading: Promise<History> | null = null;

  constructor(options: HistoryOptions) {
    this.#options = options;
  }

  get opened(): boolean {
    return this.feature?.opened ?? false;
  }

  /** The history button: opens the drawer (loading it the first time), or closes it. */
  toggle(): void {
    void this.#load().then(
      (feature) => feature.toggle(),
      (error: unknown) => this.#options.chat.fail(error),
    );
  }

  #load(): Promise<History> {
    this.#loading ??= import('../history/history.js').then(({ History }) => {
      this.#options.host.requestUpdate();
      return (this.feature = new History(this.#options));
    });
    // A chunk that failed to load (offline) is tried again on the next press.
    this.#loading.catch(() => (this.#loading = null));
    return this.#loading;
  }
}
