/**
 * The conversations drawer's chunk, loaded on the first press of the history button: the
 * visitor's sessions (newest first, paged as they scroll), search as they type, and each
 * session's rename, archive, delete (with a few seconds to undo) and export.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ChatController } from '../controllers/chat-controller.js';
import { wrapTabFocus } from '../controllers/focus-trap.js';
import { resolveHistoryStrings, type HistoryStrings } from '../i18n/history-strings.js';
import { fill, type WidgetStrings } from '../i18n/strings.js';
import { ConversationActions } from './conversation-actions.js';
import { firstPage, type HistoryEntry } from './history-api.js';
import { HistoryFeed } from './history-feed.js';
import { renderHistoryPanel } from './history-panel.js';
import { historyStyles } from './history.styles.js';

export interface HistoryHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface HistoryOptions {
  host: HistoryHost;
  chat: ChatController;
  locale: () => string | null;
  /** The panel's strings (New chat, Cancel, Conversations), in its locale. */
  panelStrings: () => WidgetStrings;
  /** The locale's drawer strings, from its chunk (null: English). */
  table: () => HistoryStrings | null | undefined;
  /** The host's `strings`, any of which may replace a drawer string. */
  overrides: () => Partial<HistoryStrings>;
  /** Starts a new conversation, as the header's New chat does. */
  newChat: () => void;
  focusButton: () => void;
  focusInput: () => void;
}

/**
 * The drawer: a dialog over the transcript (the whole panel on a phone) that opens with focus
 * in its search box, keeps Tab inside, and closes on Escape with focus back on the button.
 * Opening a conversation (a search hit on the branch holding it) shows it in the transcript.
 */
export class History {
  opened = false;
  readonly feed: HistoryFeed;
  readonly actions: ConversationActions;
  /** Why the last action failed, shown in the drawer until the next one. */
  #failure = '';
  readonly #options: HistoryOptions;

  constructor(options: HistoryOptions) {
    this.#options = options;
    const { host, chat } = options;
    const update = () => host.requestUpdate();
    this.feed = new HistoryFeed({
      load: (query, signal) => firstPage(chat.api(), query, signal),
      onChange: update,
      onLoaded: (count, more) => chat.announce(this.#countText(count, more)),
      onFailed: (error) => this.#failed(error),
    });
    this.actions = new ConversationActions({
      chat,
      feed: this.feed,
      strings: () => this.strings,
      newChat: options.newChat,
      openEntry: (entry) => void this.openEntry(entry),
      failed: (error) => this.#failed(error),
      clearFailure: () => (this.#failure = ''),
      focus: (selector) => this.#focus(selector),
      onChange: update,
    });
    adoptStyles(host.renderRoot);
  }

  get strings(): HistoryStrings {
    return resolveHistoryStrings(this.#options.table(), this.#options.overrides());
  }

  toggle(): void {
    if (this.opened) this.close();
    else this.open();
  }

  open(): void {
    this.opened = true;
    this.actions.closeForms();
    void this.feed.reload();
    void this.#focus('[part="search-input"]');
  }

  /** Closes the drawer; focus returns to the history button, or goes to the composer. */
  close(focus: 'button' | 'input' = 'button'): void {
    this.opened = false;
    this.feed.stop();
    this.actions.closeForms();
    const { host, focusButton, focusInput } = this.#options;
    host.requestUpdate();
    void host.updateComplete.then(focus === 'button' ? focusButton : focusInput);
  }

  /** Shows the conversation (a search hit: on the branch holding it) and closes the drawer. */
  async openEntry(entry: HistoryEntry): Promise<void> {
    const { chat } = this.#options;
    const { session, hit } = entry;
    const messageId = hit?.message?.id;
    try {
      if (session.id !== chat.sessionId || messageId) {
        // The branch holding the hit becomes the session's current one, then it is shown.
        const api = chat.api();
        const shown = messageId ? await api.sessions.switchBranch(session.id, messageId) : session;
        await chat.show(shown, 'open');
      }
      this.close('input');
    } catch (error) {
      this.#failed(error);
    }
  }

  /** Enter in the search box: opens the first result, once the search typed so far is in. */
  async openFirst(): Promise<void> {
    await this.feed.settled();
    const first = this.feed.entries[0];
    if (first) await this.openEntry(first);
  }

  /** Escape closes an open inline form first, then the drawer; Tab stays inside. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Tab') return wrapTabFocus(event, event.currentTarget as HTMLElement);
    if (event.key !== 'Escape') return;
    // The bubble panel is a dialog too: Escape closes the drawer, not the chat.
    event.stopPropagation();
    if (this.actions.formOpen) this.actions.cancel();
    else this.close();
  };

  render() {
    if (!this.opened) return null;
    const { locale, panelStrings, newChat } = this.#options;
    return renderHistoryPanel({
      feed: this.feed,
      strings: this.strings,
      panelStrings: panelStrings(),
      locale: locale(),
      actions: this.actions,
      undoable: this.actions.deletes.latest,
      notice: this.#failure,
      onKeydown: this.onKeydown,
      onClose: () => this.close(),
      onNewChat: () => {
        newChat();
        this.close('input');
      },
      onSearch: (q) => this.feed.search(q),
      onSearchEnter: () => void this.openFirst(),
      onToggleArchived: () => void this.feed.showArchived(!this.feed.query.archived),
      onUndo: (deletion) => void this.actions.undo(deletion),
    });
  }

  /** What the live region says once a list or a search's results are shown. */
  #countText(count: number, more: boolean): string {
    const s = this.strings;
    const { q, archived } = this.feed.query;
    if (!count) return q.trim() ? s.noMatches : archived ? s.noArchived : s.noConversations;
    if (more) return fill(s.moreConversations, { n: count });
    return count === 1 ? s.oneConversation : fill(s.conversationCount, { n: count });
  }

  #failed(error: unknown): void {
    this.#failure = this.strings.failed;
    this.#options.chat.fail(error);
    this.#options.chat.announce(this.#failure);
  }

  async #focus(selector: string): Promise<HTMLInputElement | null> {
    const { host } = this.#options;
    await host.updateComplete;
    const el = host.renderRoot.querySelector<HTMLInputElement>(`.history ${selector}`);
    el?.focus();
    return el;
  }
}

/** The chunk's styles join the element's (constructed stylesheets, as Lit's own). */
function adoptStyles(root: HTMLElement | DocumentFragment): void {
  const sheet = historyStyles.styleSheet;
  if (!(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
