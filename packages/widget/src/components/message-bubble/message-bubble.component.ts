import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../controllers/chat-message.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import { personIcon, sparkIcon } from '../icons.js';

export interface MessageBubbleProps {
  message: ChatMessage;
  strings: WidgetStrings;
  onRetry: (message: ChatMessage) => void;
}

/**
 * One message: avatar, bubble and status line. User text is shown as typed; assistant
 * text as safe Markdown, re-parsing only the block still being written.
 *
 * @csspart message - each message row; also `user-message` or `assistant-message`
 * @csspart bubble - the bubble; also `user-bubble` or `assistant-bubble`
 * @csspart avatar - the avatar beside a message
 * @csspart error - the "not sent" / error line with its retry button
 * @csspart retry-button - the retry button
 */
export function renderMessageBubble({ message, strings, onRetry }: MessageBubbleProps) {
  const { role, status, content } = message;
  const streaming = status === 'streaming';
  return html`<div
    part="message ${role}-message"
    class="msg ${role} ${status}"
    aria-busy=${streaming ? 'true' : 'false'}
  >
    <span part="avatar" class="avatar" aria-hidden="true"
      >${role === 'user' ? personIcon() : sparkIcon()}</span
    >
    <div class="stack">
      <div part="bubble ${role}-bubble" class="bubble">
        <span class="sr-only">${role === 'user' ? strings.you : strings.assistant}:</span>
        ${
          role === 'user'
            ? html`<span class="plain">${content}</span>`
            : message.markdown.update(content)
        }
        ${streaming && !content ? typingDots(strings) : nothing}
      </div>
      ${statusLine(message, strings, onRetry)}
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

function statusLine(
  message: ChatMessage,
  strings: WidgetStrings,
  onRetry: (message: ChatMessage) => void,
) {
  if (message.status === 'stopped') return html`<div class="meta">${strings.stopped}</div>`;
  if (message.status !== 'failed' && message.status !== 'error') return nothing;
  const text = message.status === 'failed' ? strings.notSent : errorText(message, strings);
  return html`<div part="error" class="meta error" role="alert">
    <span>${text}</span>
    <button part="retry-button" class="retry" type="button" @click=${() => onRetry(message)}>
      ${strings.retry}
    </button>
  </div>`;
}

function errorText(message: ChatMessage, strings: WidgetStrings): string {
  switch (message.errorCode) {
    case 'network_error':
      return strings.errorNetwork;
    case 'rate_limited':
      return strings.errorRateLimited;
    case 'upstream_error':
    case 'upstream_unavailable':
      return strings.errorBusy;
    default:
      return strings.errorGeneric;
  }
}
