import type { HttpClient } from '../core/http.js';
import { xhrFetch } from '../core/xhr-fetch.js';
import type { Attachment, AttachmentGetOptions, AttachmentUploadOptions } from '../types.js';

/** `/chat/attachments`: images and PDFs to send with a message (`attachmentIds`). */
export class Attachments {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * Stores a file: a Blob or File, or bytes (an ArrayBuffer, a Uint8Array, a Node Buffer). The
   * server decides its type from the bytes (PNG, JPEG, GIF, WebP, PDF) and re-encodes images.
   */
  async upload(
    file: Blob | ArrayBuffer | Uint8Array,
    { name, onProgress, signal }: AttachmentUploadOptions = {},
  ): Promise<Attachment> {
    const blob = file instanceof Blob ? file : new Blob([file as BlobPart]);
    const form = new FormData();
    form.append('file', blob, name || (file as File).name || 'upload');
    const progress = { loaded: 0, total: blob.size };
    const xhr = onProgress && typeof XMLHttpRequest != 'undefined';
    if (!xhr) onProgress?.(progress);
    const attachment = await this.#http.request<Attachment>({
      method: 'POST',
      path: '/chat/attachments',
      form,
      signal,
      // A cut upload may have been stored: sent again, it would store a second copy.
      noRetry: true,
      fetch: xhr ? xhrFetch(onProgress) : undefined,
    });
    if (!xhr) onProgress?.({ ...progress, loaded: blob.size });
    return attachment;
  }

  /** The stored bytes (`thumbnail`: an image's 256 px WebP), typed by their media type. */
  get(id: string, { variant, signal }: AttachmentGetOptions = {}): Promise<Blob> {
    return this.#http.request({
      path: `/chat/attachments/${encodeURIComponent(id)}`,
      query: { variant },
      signal,
      blob: true,
    });
  }
}
