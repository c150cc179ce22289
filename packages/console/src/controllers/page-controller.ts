import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { messageOf } from '../error-message.js';

/** What every page's state has: the last call's failure, for the operator to read. */
export interface PageState {
  error: string;
}

/**
 * A page's state and the calls that change it, kept apart from the app shell; the host renders
 * again whenever the state changes.
 */
export abstract class PageController<State extends PageState> implements ReactiveController {
  #state: State;

  constructor(
    protected readonly host: ReactiveControllerHost,
    initial: State,
  ) {
    this.#state = initial;
    host.addController(this);
  }

  get state(): State {
    return this.#state;
  }

  hostConnected(): void {}

  protected set(changes: Partial<State>): void {
    this.#state = { ...this.#state, ...changes };
    this.host.requestUpdate();
  }

  /** Runs `call`; if it fails, its message becomes the page's error. */
  protected async attempt(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.set({ error: messageOf(error) } as Partial<State>);
    }
  }
}
