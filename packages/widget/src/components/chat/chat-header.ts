import { html, nothing } from 'lit';
import type { WidgetStrings } from '../../i18n/strings.js';
import { HISTORY_PANEL_ID } from '../../history/history-panel-id.js';
import { closeIcon, historyIcon, newChatIcon } from '../icons.js';

export interface ChatHeaderProps {
  title: string;
  strings: WidgetStrings;
  /** A close button only in the bubble's panel. */
  closable: boolean;
  /** The conversations drawer is open. */
  historyOpen: boolean;
  onHistory: () => void;
  onNewChat: () => void;
  onClose: () => void;
}

/**
 * The panel header: the conversations button, its title, "new chat" and, for the bubble, "close".
 *
 * @csspart header - the header
 * @csspart history-button - opens the conversations drawer (`aria-expanded`)
 * @csspart title - the panel title
 * @csspart new-chat-button - starts a new conversation
 * @csspart close-button - closes the bubble panel
 */
export function renderChatHeader({
  title,
  strings,
  closable,
  historyOpen,
  onHistory,
  onNewChat,
  onClose,
}: ChatHeaderProps) {
  return html`<header part="header">
    <button
      part="history-button"
      class="icon-button"
      type="button"
      aria-label=${strings.conversations}
      title=${strings.conversations}
      aria-expanded=${historyOpen ? 'true' : 'false'}
      aria-controls=${HISTORY_PANEL_ID}
      @click=${onHistory}
    >
      ${historyIcon()}
    </button>
    <h2 part="title">${title}</h2>
    <button
      part="new-chat-button"
      class="icon-button"
      type="button"
      aria-label=${strings.newChat}
      @click=${onNewChat}
    >
      ${newChatIcon()}
    </button>
    ${
      closable
        ? html`<button
            part="close-button"
            class="icon-button"
            type="button"
            aria-label=${strings.closeChat}
            @click=${onClose}
          >
            ${closeIcon()}
          </button>`
        : nothing
    }
  </header>`;
}
