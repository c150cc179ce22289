/**
 * The attachments chunk, loaded on first use (the attach button's files, a paste or drop of
 * files, or a message with attachments in the transcript): previews and uploads in the
 * composer, thumbnails and PDF chips in the transcript, and the image viewer.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ChatController } from '../controllers/chat-controller.js';
import type { Attachment, ChatMessage } from '../controllers/chat-message.js';
import {
  fill,
  resolveAttachmentStrings,
  type AttachmentStrings,
} from '../i18n/attachment-strings.js';
import { renderAttachmentPreviews } from './attachment-preview.js';
import { attachmentsStyles } from './attachments.styles.js';
import { ImageViewer } from './image-viewer.js';
import { renderMessageAttachments } from './message-attachments.js';
import { UploadTray } from './upload-tray.js';

/** A blob: URL given to a download link lives this long, for the browser to start the download. */
const DOWNLOAD_URL_MS = 60_000;

export interface AttachmentsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface AttachmentsOptions {
  host: AttachmentsHost;
  chat: ChatController;
  locale: () => string | null;
  /** The locale's attachment strings, from its chunk (null: English). */
  table: () => AttachmentStrings | null | undefined;
  /** The host's `strings`, any of which may replace an attachment string. */
  overrides: () => Partial<AttachmentStrings>;
  focusInput: () => void;
}

export class Attachments {
  readonly tray: UploadTray;
  /** Files are being dragged over the panel. */
  dragging = false;
  readonly #options: AttachmentsOptions;
  readonly #viewer: ImageViewer;

  constructor(options: AttachmentsOptions) {
    this.#options = options;
    const { host, chat } = options;
    this.#viewer = new ImageViewer(host);
    this.tray = new UploadTray({
      upload: (file, { onProgress, signal }) =>
        chat.api().attachments.upload(file, {
          name: file.name,
          signal,
          onProgress: ({ loaded, total }) => onProgress(total ? loaded / total : 0),
        }),
      onChange: () => host.requestUpdate(),
      onUploaded: ({ attachment }) => {
        chat.emit('repruv-attachment-added', attachment!);
        chat.announce(fill(this.strings.fileReady, { name: attachment!.name }));
      },
      onFailed: (error) => chat.fail(error),
    });
    adoptStyles(host.renderRoot);
  }

  get strings(): AttachmentStrings {
    return resolveAttachmentStrings(this.#options.table(), this.#options.overrides());
  }

  add(files: File[]): void {
    this.tray.add(files);
  }

  /** A paste, or a drag over the panel, carrying `files` (empty until the drop). */
  transfer(event: Event, files: File[]): void {
    if (event.type === 'dragover') return this.#drag(true);
    if (event.type === 'dragleave') {
      // Leaving one of the panel's own elements for another is no leaving.
      if (!this.#panel()?.contains(relatedNode(event))) this.#drag(false);
      return;
    }
    this.#drag(false);
    this.add(files);
  }

  #drag(over: boolean): void {
    if (over === this.dragging) return;
    this.dragging = over;
    this.#options.host.requestUpdate();
  }

  #panel(): Element | null {
    return this.#options.host.renderRoot.querySelector('.panel');
  }

  /** The previews above the input. */
  renderPreviews() {
    return renderAttachmentPreviews({
      files: this.tray.files,
      strings: this.strings,
      locale: this.#options.locale(),
      onRemove: (file) => {
        this.tray.remove(file.key);
        this.#options.focusInput();
      },
    });
  }

  /** What lies over the panel: the drop target while dragging, and the image viewer. */
  renderOverlays() {
    const strings = this.strings;
    return html`${
      this.dragging
        ? html`<div class="drop-target" aria-hidden="true"><p>${strings.dropFiles}</p></div>`
        : nothing
    }${this.#viewer.render(strings, (attachment) => this.#read(attachment, 'original'))}`;
  }

  renderMessage(message: ChatMessage) {
    return renderMessageAttachments({
      attachments: message.attachments,
      strings: this.strings,
      read: (attachment, variant) => this.#read(attachment, variant),
      onOpen: (attachment, opener) => this.#viewer.open(attachment, opener),
      onDownload: (attachment) => void this.#download(attachment),
    });
  }

  #read(attachment: Attachment, variant: 'original' | 'thumbnail') {
    return () => this.#options.chat.api().attachments.get(attachment.id, { variant });
  }

  async #download(attachment: Attachment): Promise<void> {
    try {
      const url = URL.createObjectURL(await this.#read(attachment, 'original')());
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_MS);
    } catch (error) {
      this.#options.chat.fail(error);
    }
  }
}

function relatedNode(event: Event): Node | null {
  return (event as DragEvent).relatedTarget as Node | null;
}

/** The chunk's styles join the element's (constructed stylesheets, as Lit's own). */
function adoptStyles(root: HTMLElement | DocumentFragment): void {
  const sheet = attachmentsStyles.styleSheet;
  if (!(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
