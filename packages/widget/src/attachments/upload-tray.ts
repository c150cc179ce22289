import { AbortError } from '@repruv/client-sdk';
import type { Attachment } from '../controllers/chat-message.js';
import { kindOf, refusalOf, type Refusal } from './file-rules.js';

/** Uploads one file (the SDK's `attachments.upload`); `onProgress` gets 0…1. */
export type UploadFile = (
  file: File,
  options: { onProgress: (fraction: number) => void; signal: AbortSignal },
) => Promise<Attachment>;

/** A file in the composer before it is sent: uploading, uploaded, or refused. */
export interface PendingFile {
  key: string;
  file: File;
  kind: Attachment['kind'];
  /** A `blob:` URL of the file itself, for an image's preview; revoked when it goes. */
  previewUrl: string | null;
  /** 0…1 while uploading. */
  progress: number;
  attachment: Attachment | null;
  /** Refused before uploading (type, size, count), or by the server (its error). */
  refusal: Refusal | null;
  error: unknown;
  readonly abort: AbortController;
  /** Settles when the upload has ended, however it ended. */
  done: Promise<void>;
}

export interface UploadTrayOptions {
  upload: UploadFile;
  onChange: () => void;
  onUploaded: (file: PendingFile) => void;
  /** The server refused an upload (shown with the file; also the host page's `repruv-error`). */
  onFailed: (error: unknown) => void;
}

let counter = 0;

/**
 * The files attached in the composer: each is checked, then uploaded at once with its
 * progress; removing one aborts its upload. A send takes the uploaded files once every
 * upload has ended; refused ones stay, with their error, until removed.
 */
export class UploadTray {
  files: PendingFile[] = [];
  readonly #options: UploadTrayOptions;
  /** Files a send is waiting for: another send does not take them again. */
  readonly #taken = new Set<PendingFile>();

  constructor(options: UploadTrayOptions) {
    this.#options = options;
  }

  /** Some file is uploaded or uploading: Send works without text. */
  get sendable(): boolean {
    return this.files.some((f) => !f.refusal && !f.error && !this.#taken.has(f));
  }

  get uploading(): boolean {
    return this.files.some((f) => !f.attachment && !f.refusal && !f.error);
  }

  add(files: File[]): void {
    for (const file of files) {
      const accepted = this.files.filter((f) => !f.refusal && !f.error).length;
      const refusal = refusalOf(file, accepted);
      const kind = kindOf(file) ?? 'document';
      const pending: PendingFile = {
        key: `file-${++counter}`,
        file,
        kind,
        previewUrl: kind === 'image' && !refusal ? URL.createObjectURL(file) : null,
        progress: 0,
        attachment: null,
        refusal,
        error: null,
        abort: new AbortController(),
        done: Promise.resolve(),
      };
      this.files = [...this.files, pending];
      if (!refusal) pending.done = this.#upload(pending);
    }
    this.#options.onChange();
  }

  remove(key: string): void {
    const file = this.files.find((f) => f.key === key);
    if (!file) return;
    file.abort.abort();
    this.#drop([file]);
  }

  /** Waits for every upload to end, then takes the uploaded files out of the tray. */
  async take(): Promise<Attachment[]> {
    const waiting = this.files.filter((f) => !f.refusal && !this.#taken.has(f));
    for (const file of waiting) this.#taken.add(file);
    await Promise.all(waiting.map((f) => f.done));
    for (const file of waiting) this.#taken.delete(file);
    const sent = waiting.filter((f) => f.attachment && this.files.includes(f));
    this.#drop(sent);
    return sent.map((f) => f.attachment!);
  }

  /** Removes every file (a new chat), aborting what is still uploading. */
  clear(): void {
    for (const file of this.files) file.abort.abort();
    this.#drop(this.files);
  }

  async #upload(pending: PendingFile): Promise<void> {
    const { signal } = pending.abort;
    try {
      const attachment = await this.#options.upload(pending.file, {
        signal,
        onProgress: (fraction) => {
          pending.progress = fraction;
          this.#options.onChange();
        },
      });
      if (signal.aborted) return;
      pending.attachment = attachment;
      pending.progress = 1;
      this.#options.onUploaded(pending);
    } catch (error) {
      if (error instanceof AbortError || signal.aborted) return;
      pending.error = error;
      this.#options.onFailed(error);
    }
    this.#options.onChange();
  }

  #drop(gone: PendingFile[]): void {
    if (!gone.length) return;
    for (const file of gone) if (file.previewUrl) URL.revokeObjectURL(file.previewUrl);
    this.files = this.files.filter((f) => !gone.includes(f));
    this.#options.onChange();
  }
}
