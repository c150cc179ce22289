import type { RepruvClient } from '@repruv/client-sdk';
import type { ChatController } from '../controllers/chat-controller.js';
import type { HistoryStrings } from '../i18n/history-strings.js';
import { exportSession, type ExportFormat, type HistoryEntry } from './history-api.js';
import type { HistoryFeed } from './history-feed.js';
import type { HistoryItemActions } from './history-item.js';
import { PendingDeletes, type PendingDelete } from './pending-deletes.js';
import { saveFile } from './save-file.js';

export interface ConversationActionsOptions {
  chat: ChatController;
  feed: HistoryFeed;
  strings: () => HistoryStrings;
  /** Starts a new conversation, as the header's New chat does. */
  newChat: () => void;
  openEntry: (entry: HistoryEntry) => void;
  /** Says why an action failed; `clearFailure` takes that back as the next one starts. */
  failed: (error: unknown) => void;
  clearFailure: () => void;
  /** Focuses the drawer's element at `selector` once it has rendered; resolves with it. */
  focus: (selector: string) => Promise<HTMLInputElement | null>;
  onChange: () => void;
}

/**
 * What each conversation of the drawer offers: rename in place, archive (or unarchive),
 * delete after a confirmation (with a few seconds to undo before the DELETE is sent), and
 * export to a file; at most one item's inline form is open at a time.
 */
export class ConversationActions implements HistoryItemActions {
  renaming: string | null = null;
  confirming: string | null = null;
  exporting: string | null = null;
  readonly deletes: PendingDeletes;
  readonly #options: ConversationActionsOptions;

  constructor(options: ConversationActionsOptions) {
    this.#options = options;
    this.deletes = new PendingDeletes({
      commit: (id) => this.#commitDelete(id),
      onChange: options.onChange,
    });
  }

  get currentId(): string | null {
    return this.#options.chat.sessionId;
  }

  /** Whether an inline form is open (Escape closes it before the drawer). */
  get formOpen(): boolean {
    return (this.renaming ?? this.confirming ?? this.exporting) !== null;
  }

  openEntry(entry: HistoryEntry): void {
    this.#options.openEntry(entry);
  }

  startRename(entry: HistoryEntry): void {
    this.#only({ renaming: entry.session.id });
    void this.#focusIn(entry, 'rename-input').then((input) => input?.select());
  }

  async rename(entry: HistoryEntry, title: string): Promise<void> {
    const text = title.trim();
    if (!text || text === entry.session.title) return this.cancel();
    await this.#act(async (api) => {
      this.#options.feed.update(await api.sessions.update(entry.session.id, { title: text }));
      this.#options.chat.announce(this.#options.strings().renamed);
    });
    void this.#focusIn(entry, 'rename-button');
  }

  async archive(entry: HistoryEntry): Promise<void> {
    const archived = entry.session.status === 'archived';
    const status = archived ? 'active' : 'archived';
    const done = await this.#act(async (api) => {
      await api.sessions.update(entry.session.id, { status });
      const s = this.#options.strings();
      this.#options.chat.announce(archived ? s.unarchived : s.archived);
    });
    if (done) this.#removeFocused(entry);
    else void this.#focusIn(entry, 'archive-button');
  }

  askDelete(entry: HistoryEntry): void {
    this.#only({ confirming: entry.session.id });
    void this.#focusIn(entry, 'delete-confirm');
  }

  /** Takes it off the list at once; the DELETE waits for the time to undo to pass. */
  delete(entry: HistoryEntry): void {
    const { feed, chat } = this.#options;
    const id = entry.session.id;
    const wasCurrent = id === this.currentId;
    this.#only({});
    const removed = feed.remove(id);
    if (!removed) return;
    this.deletes.schedule({ ...removed, wasCurrent });
    if (wasCurrent) this.#options.newChat();
    chat.announce(this.#options.strings().deleted);
    void this.#options.focus('[part="search-input"]');
  }

  /** Puts it back where it was; the conversation shown when it was deleted is shown again. */
  async undo(deletion: PendingDelete): Promise<void> {
    const { entry, index, wasCurrent } = deletion;
    if (!this.deletes.undo(entry.session.id)) return;
    this.#options.feed.restore(entry, index);
    void this.#focusIn(entry, 'history-open');
    if (!wasCurrent) return;
    try {
      await this.#options.chat.show(entry.session, 'open');
    } catch (error) {
      this.#options.failed(error);
    }
  }

  toggleExport(entry: HistoryEntry): void {
    const id = entry.session.id;
    this.#only({ exporting: this.exporting === id ? null : id });
    if (this.exporting) void this.#focusIn(entry, 'export-format');
  }

  async export(entry: HistoryEntry, format: ExportFormat): Promise<void> {
    await this.#act(async (api) => saveFile(await exportSession(api, entry.session.id, format)));
    void this.#focusIn(entry, 'export-button');
  }

  /** Closes the inline form open, if any (the drawer opens or closes). */
  closeForms(): void {
    this.#only({});
  }

  /** Closes the inline form open, focus back on the button that opened it. */
  cancel(): void {
    const id = this.renaming ?? this.confirming ?? this.exporting;
    const part = this.renaming
      ? 'rename-button'
      : this.confirming
        ? 'delete-button'
        : 'export-button';
    this.#only({});
    if (id) void this.#options.focus(`${itemOf(id)} [part="${part}"]`);
  }

  /** Runs an action, the inline form closed; false when it failed (and said so). */
  async #act(action: (api: RepruvClient) => Promise<void>): Promise<boolean> {
    this.#only({});
    try {
      await action(this.#options.chat.api());
      return true;
    } catch (error) {
      this.#options.failed(error);
      return false;
    }
  }

  async #commitDelete(id: string): Promise<void> {
    try {
      await this.#options.chat.api().sessions.delete(id);
    } catch (error) {
      this.#options.failed(error);
      void this.#options.feed.reload();
    }
  }

  /** Takes `entry` off the list, focus on the next one's opener (or the search box). */
  #removeFocused(entry: HistoryEntry): void {
    const { feed } = this.#options;
    const removed = feed.remove(entry.session.id);
    const next = removed && (feed.entries[removed.index] ?? feed.entries.at(-1));
    if (next) void this.#focusIn(next, 'history-open');
    else void this.#options.focus('[part="search-input"]');
  }

  /** Opens only `forms` (none: closes the one open). */
  #only(forms: Partial<Pick<ConversationActions, 'renaming' | 'confirming' | 'exporting'>>): void {
    this.renaming = this.confirming = this.exporting = null;
    Object.assign(this, forms);
    this.#options.clearFailure();
    this.#options.onChange();
  }

  #focusIn(entry: HistoryEntry, part: string) {
    return this.#options.focus(`${itemOf(entry.session.id)} [part="${part}"]`);
  }
}

const itemOf = (id: string) => `[data-session="${CSS.escape(id)}"]`;
