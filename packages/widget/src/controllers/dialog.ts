import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from '../events.js';
import { wrapTabFocus } from './focus-trap.js';
import { readSessionFlag, writeSessionFlag } from './storage.js';

export interface DialogHost extends ReactiveControllerHost, HTMLElement {
  /** Whether the bubble panel is open (the host's reflected `open` attribute). */
  opened: boolean;
}

export interface DialogOptions {
  /** Whether the panel is a modal dialog (the bubble display); inline and full screen are not. */
  modal: () => boolean;
  /** Runs as the panel opens, also when it reopens after a reload. */
  onOpen: () => void;
  /** The sessionStorage key that keeps the panel open across reloads in this tab. */
  storageKey: () => string;
  /** Where focus goes once the panel has opened, and once it has closed. */
  focusInside: () => void;
  focusLauncher: () => void;
}

/**
 * The bubble panel as a modal dialog: opening and closing (with `repruv-open` /
 * `repruv-close` and focus moved in and back to the launcher), Escape to close, Tab kept
 * inside, and the open state remembered for the tab's session.
 */
export class DialogController implements ReactiveController {
  readonly #host: DialogHost;
  readonly #options: DialogOptions;

  constructor(host: DialogHost, options: DialogOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** A bubble panel that was open before the page reloaded opens again. */
  hostConnected(): void {
    if (this.#options.modal() && readSessionFlag(this.#options.storageKey())) this.open();
  }

  open(): void {
    const host = this.#host;
    if (host.opened) return;
    this.#options.onOpen();
    host.opened = true;
    writeSessionFlag(this.#options.storageKey(), true);
    emit(host, 'repruv-open', {});
    void host.updateComplete.then(this.#options.focusInside);
  }

  close(): void {
    const host = this.#host;
    if (!host.opened) return;
    host.opened = false;
    writeSessionFlag(this.#options.storageKey(), false);
    emit(host, 'repruv-close', {});
    void host.updateComplete.then(this.#options.focusLauncher);
  }

  /** The panel's keydown: Escape closes it, Tab stays inside. */
  onPanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Tab') {
      wrapTabFocus(event, event.currentTarget as HTMLElement);
    }
  }

  /** The launcher's keydown: Escape closes the panel it opened. */
  onLauncherKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.#host.opened) this.close();
  }
}
