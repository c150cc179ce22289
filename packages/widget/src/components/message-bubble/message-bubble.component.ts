import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../controllers/chat-message.js';
import { failureText } from '../../i18n/failure-text.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import { personIcon, sparkIcon } from '../icons.js';
import { renderMessageActions, type MessageActions } from '../message-actions/message-actions.js';
import { renderMessageEditor } from './message-editor.js';

export interface MessageBubbleProps {
  message: ChatMessage;
  strings: WidgetStrings;
  /** The widget's `locale`, for the times a refusal names. */
  locale: string | null;
  onRetry: (message: ChatMessage) => void;
  actions: MessageActions;
  /** A user message's files (rendered by the attachments chunk). */
  attachments: (message: ChatMessage) => unknown;
}

/**
 * One message: avatar, bubble (or its editor), status line and actions. User text is shown
 * as typed; assistant text as safe Markdown, re-parsing only the block still being written.
 *
 * @csspart message - each message row; also `user-message` or `assistant-message`
 * @csspart bubble - the bubble; also `user-bubble` or `assistant-bubble`
 * @csspart avatar - the avatar beside a message
 * @csspart error - the "not sent" / error line with its retry button
 * @csspart retry-button - the retry button
 */
export function renderMessageBubble(props: MessageBubbleProps) {
  const { message, strings, actions } = props;
  const { role, status, content } = message;
  const streaming = status === 'streaming';
  const editing = actions.editing === message.key;
  return html`<div
    part="message ${role}-message"
    class="msg ${role} ${status}"
    data-key=${message.key}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    <span part="avatar" class="avatar" aria-hidden="true"
      >${role === 'user' ? personIcon() : sparkIcon()}</span
    >
    <div class="stack ${editing ? 'editing' : ''}">
      ${
        editing
          ? renderMessageEditor(message, strings, actions)
          : html`<div part="bubble ${role}-bubble" class="bubble">
              <span class="sr-only">${role === 'user' ? strings.you : strings.assistant}:</span>
              ${
                role === 'user'
                  ? html`${message.attachments.length ? props.attachments(message) : nothing}<span
                        class="plain"
                        >${content}</span
                      >`
                  : message.markdown.update(content)
              }
              ${streaming && !content ? typingDots(strings) : nothing}
            </div>`
      }
      ${statusLine(props)} ${renderMessageActions(message, strings, actions)}
    </div>
  </div>`;
}

export function typingDots(strings: WidgetStrings): TemplateResult {
  return html`<span class="typing" part="typing"
    ><span></span><span></span><span></span><span class="sr-only">${strings.typing}</span></span
  >`;
}

/** The row shown while the first token is awaited and no reply message exists yet. */
export function renderTypingRow(strings: WidgetStrings): TemplateResult {
  return html`<div part="message assistant-message" class="msg assistant streaming">
    <span part="avatar" class="avatar" aria-hidden="true">${sparkIcon()}</span>
    <div class="stack">
      <div part="bubble assistant-bubble" class="bubble">${typingDots(strings)}</div>
    </div>
  </div>`;
}

function statusLine({ message, strings, locale, onRetry }: MessageBubbleProps) {
  if (message.status === 'stopped') return html`<div class="meta">${strings.stopped}</div>`;
  if (message.status !== 'failed' && message.status !== 'error') return nothing;
  const text = failureText(message, strings, { locale });
  // A spent budget comes back at its reset, not on a retry.
  const retryable = message.errorCode !== 'budget_exceeded';
  return html`<div part="error" class="meta error" role="alert">
    <span>${text}</span>
    ${
      retryable
        ? html`<button
            part="retry-button"
            class="retry"
            type="button"
            @click=${() => onRetry(message)}
          >
            ${strings.retry}
          </button>`
        : nothing
    }
  </div>`;
}
