import { html, nothing } from 'lit';
import type { Feedback } from '@repruv/client-sdk';
import type { ChatMessage } from '../../controllers/chat-message.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import { copyIcon, editIcon, forkIcon, regenerateIcon, thumbIcon } from '../icons.js';
import { renderFeedbackForm } from './feedback-form.js';
import { renderSiblingNav } from './sibling-nav.js';

/** What the controls under the messages do; the element's MessageActionsController. */
export interface MessageActions {
  /** A reply streams, or a switch or fork is under way: editing and switching wait. */
  readonly busy: boolean;
  /** The key of the message being edited, or null. */
  readonly editing: string | null;
  /** The key of the reply whose down vote's comment form is open, or null. */
  readonly commenting: string | null;
  edit(message: ChatMessage): void;
  cancelEdit(message: ChatMessage): void;
  saveEdit(message: ChatMessage, text: string): void;
  switchTo(message: ChatMessage, siblingId: string, control: 'prev' | 'next'): void;
  regenerate(reply: ChatMessage): void;
  copy(reply: ChatMessage): void;
  fork(reply: ChatMessage): void;
  vote(reply: ChatMessage, rating: Feedback['rating']): void;
  closeComment(reply: ChatMessage): void;
  sendComment(reply: ChatMessage, comment: string, tags: string[]): void;
}

/**
 * The row under a message: its versions ("‹ 2 / 3 ›"), then Edit on a stored user message,
 * or Copy, Regenerate, thumbs up and down and Fork on a finished reply; and a down vote's
 * comment form.
 *
 * @csspart edit-button - edits a user message in place
 * @csspart copy-button - copies a reply's text
 * @csspart regenerate-button - asks for another answer
 * @csspart feedback-up - a good answer (`aria-pressed`)
 * @csspart feedback-down - a bad answer (`aria-pressed`); opens `feedback-comment`
 * @csspart fork-button - continues the conversation up to this reply in a new chat
 */
export function renderMessageActions(
  message: ChatMessage,
  strings: WidgetStrings,
  actions: MessageActions,
) {
  const { id, role, status } = message;
  const nav = renderSiblingNav(message, strings, actions);
  if (role === 'user') {
    if (actions.editing === message.key) return nothing;
    const edit = id
      ? button('edit-button', strings.edit, editIcon, () => actions.edit(message), actions.busy)
      : nothing;
    return html`<div class="actions">${nav}${edit}</div>`;
  }
  if (!id || status === 'streaming') return html`<div class="actions">${nav}</div>`;
  const rating = message.feedback?.rating;
  const vote = (value: Feedback['rating'], label: string) =>
    button(
      `feedback-${value}`,
      label,
      thumbIcon,
      () => actions.vote(message, value),
      false,
      rating === value,
    );
  return html`<div class="actions">
      ${nav} ${button('copy-button', strings.copy, copyIcon, () => actions.copy(message))}
      ${button('regenerate-button', strings.regenerate, regenerateIcon, () => actions.regenerate(message), actions.busy)}
      ${vote('up', strings.goodAnswer)} ${vote('down', strings.badAnswer)}
      ${button('fork-button', strings.fork, forkIcon, () => actions.fork(message), actions.busy)}
    </div>
    ${actions.commenting === message.key ? renderFeedbackForm(message, strings, actions) : nothing}`;
}

/**
 * An icon button named by `label` (also its tooltip), exposed as `part`; a toggle when
 * `pressed` is given.
 */
export function button(
  part: string,
  label: string,
  icon: () => unknown,
  onClick: () => void,
  disabled = false,
  pressed?: boolean,
) {
  return html`<button
    part=${part}
    class="icon"
    type="button"
    aria-label=${label}
    title=${label}
    aria-pressed=${pressed ?? nothing}
    ?disabled=${disabled}
    @click=${onClick}
  >
    ${icon()}
  </button>`;
}
