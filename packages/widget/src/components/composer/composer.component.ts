import { html } from 'lit';
import type { WidgetStrings } from '../../i18n/strings.js';
import { sendIcon, stopIcon } from '../icons.js';

export interface ComposerProps {
  strings: WidgetStrings;
  draft: string;
  busy: boolean;
  onInput: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
}

/** Rows the textarea gets where CSS `field-sizing` is missing: one per line, up to six. */
const rowsFor = (draft: string) => Math.min(6, draft.split('\n').length);

/**
 * The message box: Enter sends, Shift+Enter starts a new line, it grows with its text;
 * while a reply streams, the send button becomes a stop button.
 *
 * @csspart composer - the form around the input
 * @csspart input - the textarea
 * @csspart send-button - the send button
 * @csspart stop-button - the stop button, while a reply is being written
 */
export function renderComposer({ strings, draft, busy, onInput, onSend, onStop }: ComposerProps) {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (!busy) onSend();
  };
  return html`<form
    part="composer"
    class="composer"
    @submit=${(event: Event) => {
      event.preventDefault();
      onSend();
    }}
  >
    <textarea
      part="input"
      aria-label=${strings.inputLabel}
      placeholder=${strings.placeholder}
      rows=${rowsFor(draft)}
      enterkeyhint="send"
      .value=${draft}
      @input=${(event: Event) => onInput((event.target as HTMLTextAreaElement).value)}
      @keydown=${onKeydown}
    ></textarea>
    ${
      busy
        ? html`<button
            part="stop-button"
            class="stop"
            type="button"
            aria-label=${strings.stop}
            @click=${onStop}
          >
            ${stopIcon()}
          </button>`
        : html`<button
            part="send-button"
            class="send"
            type="submit"
            aria-label=${strings.send}
            ?disabled=${!draft.trim()}
          >
            ${sendIcon()}
          </button>`
    }
  </form>`;
}
