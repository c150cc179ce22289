import { html, nothing } from 'lit';
import type { WidgetStrings } from '../../i18n/strings.js';
import { clipIcon, sendIcon, stopIcon } from '../icons.js';

export interface ComposerProps {
  strings: WidgetStrings;
  draft: string;
  /** Files are attached: Send works without text. */
  hasFiles: boolean;
  /** The attached files' previews (from the attachments chunk, once loaded). */
  previews: unknown;
  busy: boolean;
  /** A short line above the input, e.g. why a send waits (announced by the panel, not here). */
  notice: string;
  onInput: (value: string) => void;
  onFiles: (files: FileList | null) => void;
  onSend: () => void;
  onStop: () => void;
}

/** Rows the textarea gets where CSS `field-sizing` is missing: one per line, up to six. */
const rowsFor = (draft: string) => Math.min(6, draft.split('\n').length);

/**
 * The message box: Enter sends, Shift+Enter starts a new line, it grows with its text;
 * while a reply streams, the send button becomes a stop button, and Enter shows why it waits.
 *
 * @csspart notice - the line above the input saying why a send waits
 * @csspart composer - the form around the input
 * @csspart input - the textarea
 * @csspart attach-button - opens the file picker (images and PDFs)
 * @csspart send-button - the send button
 * @csspart stop-button - the stop button, while a reply is being written
 */
export function renderComposer(props: ComposerProps) {
  const { strings, draft, busy, notice, onInput, onSend, onStop, onFiles } = props;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    onSend();
  };
  return html`${props.previews}${notice ? html`<p part="notice" class="notice">${notice}</p>` : nothing}
    <form
      part="composer"
      class="composer"
      @submit=${(event: Event) => {
        event.preventDefault();
        onSend();
      }}
    >
      <input
        type="file"
        hidden
        multiple
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
        @change=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          onFiles(input.files);
          input.value = '';
        }}
      />
      <button
        part="attach-button"
        class="attach"
        type="button"
        aria-label=${strings.attach}
        title=${strings.attach}
        @click=${(event: Event) =>
          ((event.currentTarget as Element).previousElementSibling as HTMLElement).click()}
      >
        ${clipIcon()}
      </button>
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
              ?disabled=${!draft.trim() && !props.hasFiles}
            >
              ${sendIcon()}
            </button>`
      }
    </form>`;
}
