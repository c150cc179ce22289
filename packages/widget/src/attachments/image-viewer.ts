import { html, nothing, type ReactiveControllerHost } from 'lit';
import { closeIcon } from '../components/icons.js';
import type { Attachment } from '../controllers/chat-message.js';
import { wrapTabFocus } from '../controllers/focus-trap.js';
import type { AttachmentStrings } from '../i18n/attachment-strings.js';
import { blobSrc, type LoadBlob } from './blob-src.js';

export interface ImageViewerHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * An image of the transcript shown larger (its original variant), in a modal dialog: Escape,
 * the close button or a click beside the image close it, Tab stays inside, and focus goes
 * back to the thumbnail that opened it.
 *
 * @csspart attachment-viewer - the dialog; `attachment-viewer-close` inside it
 */
export class ImageViewer {
  #shown: { attachment: Attachment; opener: HTMLElement } | null = null;
  readonly #host: ImageViewerHost;

  constructor(host: ImageViewerHost) {
    this.#host = host;
  }

  open(attachment: Attachment, opener: HTMLElement): void {
    this.#shown = { attachment, opener };
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('.viewer-close')?.focus(),
    );
  }

  close(): void {
    const opener = this.#shown?.opener;
    this.#shown = null;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => opener?.focus());
  }

  render(strings: AttachmentStrings, read: (attachment: Attachment) => LoadBlob) {
    const attachment = this.#shown?.attachment;
    if (!attachment) return nothing;
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') this.close();
      else if (event.key === 'Tab') wrapTabFocus(event, event.currentTarget as HTMLElement);
      else return;
      // The bubble panel is a dialog too: Escape closes the image, not the chat.
      event.stopPropagation();
    };
    return html`<div
      class="viewer-backdrop"
      @click=${(event: Event) => event.target === event.currentTarget && this.close()}
    >
      <div
        part="attachment-viewer"
        class="viewer"
        role="dialog"
        aria-modal="true"
        aria-label=${attachment.name}
        @keydown=${onKeydown}
      >
        <img
          class="viewer-image"
          src=${blobSrc(`${attachment.id}/original`, read(attachment))}
          alt=${attachment.name}
        />
        <button
          part="attachment-viewer-close"
          class="viewer-close"
          type="button"
          aria-label=${strings.closeImage}
          title=${strings.closeImage}
          @click=${() => this.close()}
        >
          ${closeIcon()}
        </button>
      </div>
    </div>`;
  }
}
