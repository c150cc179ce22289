import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../../controllers/chat-message.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import { sparkIcon } from '../icons.js';
import type { MessageActions } from '../message-actions/message-actions.js';
import {
  renderMessageBubble,
  renderTypingRow,
} from '../message-bubble/message-bubble.component.js';

export interface MessageListProps {
  messages: ChatMessage[];
  strings: WidgetStrings;
  locale: string | null;
  quickPrompts: string[];
  waiting: boolean;
  loadingOlder: boolean;
  atBottom: boolean;
  onScroll: (event: Event) => void;
  onJump: () => void;
  onPrompt: (prompt: string) => void;
  onRetry: (message: ChatMessage) => void;
  actions: MessageActions;
  attachments: (message: ChatMessage) => unknown;
}

/**
 * The transcript (`role="log"`; announcements go through the panel's own live region,
 * once per sentence), the empty state with quick prompts, and "jump to latest".
 *
 * @csspart transcript - the scrolling message log
 * @csspart empty-state - what shows before the first message
 * @csspart quick-prompt - each suggested prompt button
 * @csspart jump-button - "jump to latest", shown when scrolled up
 */
export function renderMessageList(props: MessageListProps) {
  const { messages, strings, waiting } = props;
  const empty = messages.length === 0 && !waiting;
  const last = messages.at(-1);
  return html`<div class="body">
    ${empty ? renderEmptyState(props) : nothing}
    <div
      part="transcript"
      class="log"
      role="log"
      aria-live="off"
      aria-label=${strings.transcriptLabel}
      tabindex="0"
      ?hidden=${empty}
      @scroll=${props.onScroll}
    >
      ${repeat(
        messages,
        (m) => m.key,
        (message) =>
          renderMessageBubble({
            message,
            strings,
            locale: props.locale,
            onRetry: props.onRetry,
            actions: props.actions,
            attachments: props.attachments,
          }),
      )}
      ${waiting && last?.role !== 'assistant' ? renderTypingRow(strings) : nothing}
    </div>
    ${
      props.loadingOlder
        ? html`<p class="older" role="status">${strings.loadingOlder}</p>`
        : nothing
    }
    ${
      props.atBottom || empty
        ? nothing
        : html`<button part="jump-button" class="jump" type="button" @click=${props.onJump}>
            ${strings.jumpToLatest}
          </button>`
    }
  </div>`;
}

function renderEmptyState({ strings, quickPrompts, onPrompt }: MessageListProps) {
  return html`<div part="empty-state" class="empty">
    <span class="avatar" aria-hidden="true">${sparkIcon()}</span>
    <h3>${strings.emptyTitle}</h3>
    <p>${strings.emptyBody}</p>
    <ul class="prompts" aria-label=${strings.quickPromptsLabel}>
      ${quickPrompts.map(
        (prompt) =>
          html`<li>
            <button
              part="quick-prompt"
              class="prompt"
              type="button"
              @click=${() => onPrompt(prompt)}
            >
              ${prompt}
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}
