import { html, nothing } from 'lit';
import type { WidgetStrings } from '../../i18n/strings.js';
import { closeIcon, newChatIcon } from '../icons.js';

export interface ChatHeaderProps {
  title: string;
  strings: WidgetStrings;
  /** A close button only in the bubble's panel. */
  closable: boolean;
  onNewChat: () => void;
  onClose: () => void;
}

/**
 * The panel header: its title, "new chat" and, for the bubble, "close".
 *
 * @csspart header - the header
 * @csspart title - the panel title
 * @csspart new-chat-button - starts a new conversation
 * @csspart close-button - closes the bubble panel
 */
export function renderChatHeader({
  title,
  strings,
  closable,
  onNewChat,
  onClose,
}: ChatHeaderProps) {
  return html`<header part="header">
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
