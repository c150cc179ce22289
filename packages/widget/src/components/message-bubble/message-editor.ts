import { html } from 'lit';
import type { ChatMessage } from '../../controllers/chat-message.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import type { MessageActions } from '../message-actions/message-actions.js';

/**
 * A user message edited in place of its bubble: Send (or Enter) sends the new text as
 * another version of it, Shift+Enter starts a new line, Escape or Cancel leaves it as it was.
 *
 * @csspart edit-input - the box the message is edited in
 * @csspart save-button - sends the edited message as a new version ("Save")
 * @csspart cancel-button - stops editing
 */
export function renderMessageEditor(
  message: ChatMessage,
  strings: WidgetStrings,
  actions: MessageActions,
) {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Stops editing only, not the bubble panel around it.
    event.stopPropagation();
    actions.cancelEdit(message);
  };
  const onInputKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    actions.saveEdit(message, (event.target as HTMLTextAreaElement).value);
  };
  return html`<form
    class="editor"
    @keydown=${onKeydown}
    @submit=${(event: Event) => {
      event.preventDefault();
      actions.saveEdit(message, (event.target as HTMLFormElement).querySelector('textarea')!.value);
    }}
  >
    <textarea
      part="edit-input"
      aria-label=${strings.edit}
      .value=${message.content}
      @keydown=${onInputKeydown}
    ></textarea>
    <div class="buttons">
      <button
        part="cancel-button"
        class="retry"
        type="button"
        @click=${() => actions.cancelEdit(message)}
      >
        ${strings.cancel}
      </button>
      <button part="save-button" class="retry" type="submit">${strings.save}</button>
    </div>
  </form>`;
}
