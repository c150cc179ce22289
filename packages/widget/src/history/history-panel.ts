import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { closeIcon, newChatIcon } from '../components/icons.js';
import type { HistoryStrings } from '../i18n/history-strings.js';
import type { WidgetStrings } from '../i18n/strings.js';
import type { HistoryFeed } from './history-feed.js';
import { HISTORY_PANEL_ID } from './history-panel-id.js';
import { renderHistoryItem, type HistoryItemActions } from './history-item.js';
import type { PendingDelete } from './pending-deletes.js';

/** How close to the end of the list (px) the next page starts loading. */
const LOAD_AHEAD_PX = 160;

export interface HistoryPanelProps {
  feed: HistoryFeed;
  strings: HistoryStrings;
  panelStrings: WidgetStrings;
  locale: string | null;
  actions: HistoryItemActions;
  /** The deletion "Deleted — Undo" offers to take back. */
  undoable: PendingDelete | null;
  /** Why the last action failed, or ''. */
  notice: string;
  onKeydown: (event: KeyboardEvent) => void;
  onClose: () => void;
  onNewChat: () => void;
  onSearch: (q: string) => void;
  /** Enter in the search box: opens the first result. */
  onSearchEnter: () => void;
  onToggleArchived: () => void;
  onUndo: (deletion: PendingDelete) => void;
}

/**
 * The conversations drawer (a dialog over the transcript; the whole panel on a phone): search,
 * the archived toggle, New chat, the list (the next page loads as it is scrolled near its end,
 * or with Load more), and "Deleted — Undo".
 *
 * @csspart history-panel - the drawer; `history-close` closes it
 * @csspart search-input - searches as one types
 * @csspart archived-toggle - shows the archived conversations instead (`aria-pressed`)
 * @csspart history-new-chat - starts a new conversation
 * @csspart history-empty - "No conversations match" and the like
 * @csspart load-more - loads the next page
 * @csspart undo-notice - "Deleted", with `undo-button`
 */
export function renderHistoryPanel(props: HistoryPanelProps) {
  const { feed, strings: s, panelStrings } = props;
  const { q, archived } = feed.query;
  const onScroll = (event: Event) => {
    const list = event.currentTarget as HTMLElement;
    if (list.scrollTop + list.clientHeight >= list.scrollHeight - LOAD_AHEAD_PX) void feed.more();
  };
  const onSearchKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    props.onSearchEnter();
  };
  return html`<section
    part="history-panel"
    id=${HISTORY_PANEL_ID}
    class="history"
    role="dialog"
    aria-modal="true"
    aria-label=${panelStrings.conversations}
    @keydown=${props.onKeydown}
  >
    <div class="history-top">
      <h3>${panelStrings.conversations}</h3>
      <button
        part="history-close"
        class="icon"
        type="button"
        aria-label=${s.closeHistory}
        title=${s.closeHistory}
        @click=${props.onClose}
      >
        ${closeIcon()}
      </button>
    </div>
    <div class="history-tools">
      <input
        part="search-input"
        class="search-input"
        type="search"
        aria-label=${s.searchLabel}
        placeholder=${s.searchPlaceholder}
        autocomplete="off"
        .value=${q}
        @input=${(event: Event) => props.onSearch((event.target as HTMLInputElement).value)}
        @keydown=${onSearchKeydown}
      />
      <button
        part="archived-toggle"
        class="retry"
        type="button"
        aria-pressed=${archived ? 'true' : 'false'}
        @click=${props.onToggleArchived}
      >
        ${s.showArchived}
      </button>
    </div>
    <button part="history-new-chat" class="history-new" type="button" @click=${props.onNewChat}>
      ${newChatIcon()} ${panelStrings.newChat}
    </button>
    <div class="history-scroll" @scroll=${onScroll}>
      <ul class="history-list" role="list">
        ${repeat(
          feed.entries,
          (entry) => entry.session.id,
          (entry) =>
            renderHistoryItem({
              entry,
              strings: s,
              panelStrings,
              locale: props.locale,
              actions: props.actions,
            }),
        )}
      </ul>
      ${
        feed.loaded && !feed.entries.length
          ? html`<p part="history-empty" class="history-empty">
              ${q.trim() ? s.noMatches : archived ? s.noArchived : s.noConversations}
            </p>`
          : nothing
      }
      ${feed.loading ? html`<p class="history-empty">${s.loading}</p>` : nothing}
      ${
        feed.hasMore && !feed.loading
          ? html`<button part="load-more" class="retry" type="button" @click=${() => feed.more()}>
              ${s.loadMore}
            </button>`
          : nothing
      }
    </div>
    ${props.notice ? html`<p part="notice" class="history-notice">${props.notice}</p>` : nothing}
    ${renderUndo(props)}
  </section>`;
}

function renderUndo({ undoable, strings, onUndo }: HistoryPanelProps) {
  if (!undoable) return nothing;
  return html`<div part="undo-notice" class="undo">
    <span>${strings.deleted}</span>
    <button part="undo-button" class="retry" type="button" @click=${() => onUndo(undoable)}>
      ${strings.undo}
    </button>
  </div>`;
}
