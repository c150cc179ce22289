import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { focusWhenAttached } from './focus-when-attached.js';

export interface ConfirmableAction {
  /** Unique on the page. */
  id: string;
  label: string;
  question: string;
  confirmLabel: string;
  open: boolean;
  onOpen: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}

const focusConfirm = focusWhenAttached();

/**
 * A button that asks before it acts: a click shows the question beside a confirm and a cancel
 * button, focus on the confirm; Cancel or Escape closes it, focus back on the button.
 */
export function renderConfirmable(action: ConfirmableAction) {
  // Before the question goes, or focus would fall back to the page.
  const focusTrigger = (event: Event) =>
    (event.currentTarget as HTMLElement)
      .closest('.confirmable')
      ?.querySelector<HTMLElement>(':scope > button')
      ?.focus();
  const cancel = (event: Event) => {
    focusTrigger(event);
    action.onCancel();
  };
  const confirm = (event: Event) => {
    focusTrigger(event);
    action.onConfirm();
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') cancel(event);
  };
  return html`<div class="confirmable">
    <button
      type="button"
      class="secondary"
      aria-expanded=${action.open ? 'true' : 'false'}
      @click=${action.onOpen}
    >
      ${action.label}
    </button>
    ${
      action.open
        ? html`<div
            class="confirm"
            role="group"
            aria-labelledby="${action.id}-question"
            @keydown=${escape}
          >
            <p id="${action.id}-question">${action.question}</p>
            <button type="button" ${ref(focusConfirm)} @click=${confirm}>
              ${action.confirmLabel}
            </button>
            <button type="button" class="secondary" @click=${cancel}>Cancel</button>
          </div>`
        : nothing
    }
  </div>`;
}
