import type { HistoryEntry, HistoryPage, HistoryQuery } from './history-api.js';

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface HistoryFeedOptions {
  load: (query: HistoryQuery, signal: AbortSignal) => Promise<HistoryPage>;
  /** After any change of what is shown. */
  onChange: () => void;
  /** The first page of a query is shown; `more` when there are further pages. */
  onLoaded: (count: number, more: boolean) => void;
  onFailed: (error: unknown) => void;
  debounceMs?: number;
}

/**
 * The drawer's list: the first page of the current query, then the next ones as the person
 * scrolls. A new query (typing, debounced; or the archived toggle) aborts the request under
 * way, and a response that arrives for an older query anyway is dropped.
 */
export class HistoryFeed {
  entries: HistoryEntry[] = [];
  query: HistoryQuery = { q: '', archived: false };
  loading = false;
  /** The first page of the current query has arrived. */
  loaded = false;
  #next: HistoryPage['next'] = null;
  #abort: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Settles when the current query's first page has been shown. */
  #first: Promise<void> = Promise.resolve();
  readonly #options: HistoryFeedOptions;

  constructor(options: HistoryFeedOptions) {
    this.#options = options;
  }

  get hasMore(): boolean {
    return this.#next !== null;
  }

  /** Shows the first page of the current query again, at once. */
  reload(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const signal = this.#restart();
    this.loaded = false;
    this.#first = this.#fetch(signal, () => this.#options.load(this.query, signal), true);
    return this.#first;
  }

  /** The search text changed: searches once typing pauses. */
  search(q: string): void {
    if (q === this.query.q) return;
    this.query = { ...this.query, q };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => void this.reload(),
      this.#options.debounceMs ?? SEARCH_DEBOUNCE_MS,
    );
  }

  /** Archived sessions instead of the others, or back. */
  showArchived(archived: boolean): Promise<void> {
    this.query = { ...this.query, archived };
    return this.reload();
  }

  /** The current query's first page, sending a search still waiting for typing to pause. */
  settled(): Promise<void> {
    return this.#timer === undefined ? this.#first : this.reload();
  }

  /** Appends the next page, unless one is loading or this is the last. */
  more(): Promise<void> {
    const next = this.#next;
    if (!next || this.loading || !this.#abort) return Promise.resolve();
    return this.#fetch(this.#abort.signal, next, false);
  }

  /** Takes an entry out of the list (archived, or deleted); `restore` puts it back. */
  remove(id: string): { entry: HistoryEntry; index: number } | null {
    const index = this.entries.findIndex((e) => e.session.id === id);
    if (index < 0) return null;
    const entry = this.entries[index]!;
    this.entries = this.entries.filter((e) => e !== entry);
    this.#options.onChange();
    return { entry, index };
  }

  restore(entry: HistoryEntry, index: number): void {
    if (this.entries.some((e) => e.session.id === entry.session.id)) return;
    this.entries = [...this.entries.slice(0, index), entry, ...this.entries.slice(index)];
    this.#options.onChange();
  }

  /** A session changed (renamed): its entry shows it. */
  update(session: HistoryEntry['session']): void {
    this.entries = this.entries.map((e) => (e.session.id === session.id ? { ...e, session } : e));
    this.#options.onChange();
  }

  /** Stops whatever is loading or waiting (the drawer closed). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = null;
    this.loading = false;
  }

  #restart(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  async #fetch(signal: AbortSignal, load: () => Promise<HistoryPage>, first: boolean) {
    this.loading = true;
    this.#options.onChange();
    try {
      const page = await load();
      if (signal.aborted) return;
      this.entries = first ? page.entries : [...this.entries, ...this.#unseen(page.entries)];
      this.#next = page.next;
      this.loaded = true;
      if (first) this.#options.onLoaded(page.entries.length, page.next !== null);
    } catch (error) {
      if (!signal.aborted) this.#options.onFailed(error);
    } finally {
      if (!signal.aborted) {
        this.loading = false;
        this.#options.onChange();
      }
    }
  }

  /** A session whose activity moved it onto a later page is not listed twice. */
  #unseen(entries: HistoryEntry[]): HistoryEntry[] {
    const shown = new Set(this.entries.map((e) => e.session.id));
    return entries.filter((e) => !shown.has(e.session.id));
  }
}
