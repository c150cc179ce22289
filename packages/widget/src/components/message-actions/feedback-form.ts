import { html } from 'lit';
import type { ChatMessage } from '../../controllers/chat-message.js';
import { FEEDBACK_TAGS } from '../../controllers/feedback-actions.js';
import type { WidgetStrings } from '../../i18n/strings.js';
import type { MessageActions } from './message-actions.js';

/**
 * After a down vote: an optional comment and tags. Escape or Cancel closes it.
 *
 * @csspart feedback-comment - the form; `feedback-input`, `feedback-tag` (checkboxes),
 *   `feedback-send` and `feedback-cancel` inside it
 */
export function renderFeedbackForm(
  reply: ChatMessage,
  strings: WidgetStrings,
  actions: MessageActions,
) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const tags = data.getAll('tag').map(String);
    actions.sendComment(reply, String(data.get('comment')), tags);
  };
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Closes the form only, not the bubble panel around it.
    event.stopPropagation();
    actions.closeComment(reply);
  };
  return html`<form
    part="feedback-comment"
    class="feedback"
    aria-label=${strings.badAnswer}
    @submit=${onSubmit}
    @keydown=${onKeydown}
  >
    <textarea
      part="feedback-input"
      name="comment"
      maxlength="2000"
      aria-label=${strings.feedbackPrompt}
      placeholder=${strings.feedbackPrompt}
    ></textarea>
    <div>
      ${FEEDBACK_TAGS.map(
        (tag, i) =>
          html`<label
            ><input part="feedback-tag" type="checkbox" name="tag" value=${tag} />
            ${strings.feedbackTags[i]}</label
          >`,
      )}
    </div>
    <div class="buttons">
      <button
        part="feedback-cancel"
        class="retry"
        type="button"
        @click=${() => actions.closeComment(reply)}
      >
        ${strings.cancel}
      </button>
      <button part="feedback-send" class="retry" type="submit">${strings.send}</button>
    </div>
  </form>`;
}
