import { html, nothing } from 'lit';
import { siblingIndex, type ChatMessage } from '../../controllers/chat-message.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import { chevronIcon } from '../icons.js';
import { button, type MessageActions } from './message-actions.js';

/** "Showing answer 2 of 3": which version of its siblings `message` is. */
export function versionText(message: ChatMessage, strings: WidgetStrings) {
  const index = siblingIndex(message);
  const template = message.role === 'user' ? strings.showingVersion : strings.showingAnswer;
  return template
    .replace('{n}', String(index + 1))
    .replace('{total}', String(message.siblingIds.length));
}

/**
 * "‹ 2 / 3 ›" where a message has other versions: the buttons show the previous or the
 * next one, and the branch below it; the group's name says which version this is (and is
 * what the live region says when another is shown).
 *
 * @csspart sibling-nav - the group; `sibling-prev`, `sibling-next` and the "2 / 3" inside it
 */
export function renderSiblingNav(
  message: ChatMessage,
  strings: WidgetStrings,
  actions: MessageActions,
) {
  const ids = message.siblingIds;
  if (ids.length < 2) return nothing;
  const index = siblingIndex(message);
  const go = (to: number, control: 'prev' | 'next') => () =>
    actions.switchTo(message, ids[to]!, control);
  return html`<div
    part="sibling-nav"
    class="nav"
    role="group"
    aria-label=${versionText(message, strings)}
  >
    ${button('sibling-prev', strings.previous, chevronIcon, go(index - 1, 'prev'), actions.busy || index === 0)}
    <span aria-hidden="true">${index + 1} / ${ids.length}</span>
    ${button('sibling-next', strings.next, chevronIcon, go(index + 1, 'next'), actions.busy || index === ids.length - 1)}
  </div>`;
}
