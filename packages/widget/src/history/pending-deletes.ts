import type { HistoryEntry } from './history-api.js';

/** How long "Deleted — Undo" shows before the session is really deleted. */
export const UNDO_MS = 5_000;

export interface PendingDelete {
  entry: HistoryEntry;
  /** Where it was in the list, to put it back. */
  index: number;
  /** It was the conversation shown. */
  wasCurrent: boolean;
}

export interface PendingDeletesOptions {
  /** Sends the DELETE, once the time to undo is up. */
  commit: (id: string) => Promise<void>;
  onChange: () => void;
  undoMs?: number;
}

/**
 * Deletions that can still be undone: each waits `UNDO_MS` before its DELETE is sent, and
 * `undo` in that time cancels it, so nothing is lost on the server until then.
 */
export class PendingDeletes {
  readonly #pending = new Map<string, PendingDelete & { timer: ReturnType<typeof setTimeout> }>();
  readonly #options: PendingDeletesOptions;

  constructor(options: PendingDeletesOptions) {
    this.#options = options;
  }

  /** The deletion the notice offers to undo: the latest one. */
  get latest(): PendingDelete | null {
    return [...this.#pending.values()].at(-1) ?? null;
  }

  schedule(deletion: PendingDelete): void {
    const id = deletion.entry.session.id;
    clearTimeout(this.#pending.get(id)?.timer);
    const timer = setTimeout(() => void this.#commit(id), this.#options.undoMs ?? UNDO_MS);
    this.#pending.set(id, { ...deletion, timer });
    this.#options.onChange();
  }

  /** Cancels the deletion of `id`; null when it is no longer pending. */
  undo(id: string): PendingDelete | null {
    const pending = this.#pending.get(id);
    if (!pending) return null;
    clearTimeout(pending.timer);
    this.#pending.delete(id);
    this.#options.onChange();
    return pending;
  }

  #commit(id: string): Promise<void> {
    this.#pending.delete(id);
    this.#options.onChange();
    return this.#options.commit(id);
  }
}
