import type { ReactiveController } from 'lit';
import type { Attachments, AttachmentsOptions } from '../attachments/attachments.js';

/**
 * Loads the attachments chunk on first use: files picked, pasted or dropped, or a message
 * with attachments to show. Until then the panel carries only the attach button and the
 * listener that hands files over.
 */
export class AttachmentsLoader implements ReactiveController {
  feature: Attachments | null = null;
  readonly #options: AttachmentsOptions;
  #loading: Promise<Attachments> | null = null;

  constructor(options: AttachmentsOptions) {
    this.#options = options;
    options.host.addController(this);
  }

  hostUpdated(): void {
    if (!this.#loading && this.#options.chat.messages.some((m) => m.attachments.length)) {
      void this.load();
    }
  }

  load(): Promise<Attachments> {
    return (this.#loading ??= import('../attachments/attachments.js').then(({ Attachments }) => {
      this.#options.host.requestUpdate();
      return (this.feature = new Attachments(this.#options));
    }));
  }

  /** Hands `files` to the chunk (read now: a drop's or paste's list empties after its event). */
  add(files: FileList | null | undefined): void {
    const list = [...(files ?? [])];
    if (list.length) void this.load().then((feature) => feature.add(list));
  }

  /**
   * The panel's paste, dragover, dragleave and drop carrying files: the chunk shows the drop
   * target and attaches what is dropped or pasted (the list is read now: it empties after the
   * event).
   */
  readonly onTransfer = (event: ClipboardEvent | DragEvent): void => {
    const data = (event as ClipboardEvent).clipboardData ?? (event as DragEvent).dataTransfer;
    if (!data?.types.includes('Files')) return;
    // Without this a dragover lets the browser open a dropped file itself.
    event.preventDefault();
    const files = [...data.files];
    void this.load().then((feature) => feature.transfer(event, files));
  };
}
