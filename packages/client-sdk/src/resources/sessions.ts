import { dispositionFilename } from '../core/content-disposition.js';
import type { HttpClient } from '../core/http.js';
import { abortable } from '../core/retry.js';
import {
  CursorPage,
  listPages,
  type PagePromise,
  type SessionCursorPage,
} from '../core/pagination.js';
import type {
  RequestOptions,
  Session,
  SessionCreateParams,
  SessionDownload,
  SessionExportOptions,
  SessionForkParams,
  SessionListParams,
  SessionUpdateParams,
} from '../types.js';

/** `/chat/sessions`: the signed-in user's conversations. */
export class Sessions {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  create(body: SessionCreateParams = {}, options?: RequestOptions): Promise<Session> {
    return this.#http.request({
      ...options,
      method: 'POST',
      path: '/chat/sessions',
      body,
      noRetry: true,
    });
  }

  /**
   * Latest activity first, archived sessions too unless `status` says. Await it for one page, or
   * iterate it for every session.
   */
  list(
    query: SessionListParams = {},
    options?: RequestOptions,
  ): PagePromise<SessionCursorPage, Session> {
    return listPages(CursorPage<Session>, (params) =>
      this.#http.request({ ...options, path: '/chat/sessions', query: { ...query, ...params } }),
    );
  }

  get(id: string, options?: RequestOptions): Promise<Session> {
    return this.#http.request({ ...options, path: this.#path(id) });
  }

  /** Renames or archives a session. */
  update(id: string, body: SessionUpdateParams, options?: RequestOptions): Promise<Session> {
    return this.#http.request({ ...options, method: 'PATCH', path: this.#path(id), body });
  }

  /**
   * Shows another branch: the session's current leaf becomes the newest descendant of
   * `messageId` (any message of the session), following the newest child at each step.
   */
  switchBranch(id: string, messageId: string, options?: RequestOptions): Promise<Session> {
    return this.update(id, { current_message_id: messageId } as SessionUpdateParams, options);
  }

  /** A new session holding copies of the branch from the root to reply `messageId`. */
  fork(
    id: string,
    { messageId, title }: SessionForkParams,
    options?: RequestOptions,
  ): Promise<Session> {
    return this.#http.request({
      ...options,
      method: 'POST',
      path: `${this.#path(id)}/fork`,
      body: { message_id: messageId, title },
      // A retried fork would make a second session.
      noRetry: true,
    });
  }

  /**
   * Downloads the current branch (`branches: 'all'`: the whole tree, `json` only) as `md` (the
   * default), `txt`, `json` or `pdf`. In a browser it resolves a `File` named as the server names
   * it, to save or show; elsewhere the body's `ReadableStream`, read as it arrives, for Node, Deno
   * or Bun to pipe (`Readable.fromWeb` in Node). `as` chooses either anywhere; `as: 'stream'`
   * gives the file name and type with the stream (`as: 'file'` needs a global `File`: Node 20+).
   * The caller's `signal` aborts the body too.
   */
  export(id: string, options: SessionExportOptions & { as: 'stream' }): Promise<SessionDownload>;
  export(id: string, options: SessionExportOptions & { as: 'file' }): Promise<File>;
  export(
    id: string,
    options?: SessionExportOptions & { as?: undefined },
  ): Promise<File | ReadableStream<Uint8Array>>;
  async export(
    id: string,
    { as, format, branches, ...options }: SessionExportOptions = {},
  ): Promise<File | ReadableStream<Uint8Array> | SessionDownload> {
    const res = await this.#http.request<Response>({
      ...options,
      path: `${this.#path(id)}/export`,
      query: { format, branches },
      // The open response, of any media type: its body is read by the caller, or as a File here.
      stream: true,
      blob: true,
    });
    const { headers, body } = res;
    // The header is hidden from a page of another origin unless the server exposes it.
    const filename = dispositionFilename(headers.get('content-disposition')) ?? 'conversation';
    const type = headers.get('content-type') ?? '';
    if (as == 'stream') return { filename, contentType: type, stream: body! };
    if (!as && typeof document == 'undefined') return body!;
    return new File([await abortable(res.blob(), options.signal)], filename, { type });
  }

  /** Deletes a session and all its messages. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.#http.request({ ...options, method: 'DELETE', path: this.#path(id) });
  }

  #path(id: string): string {
    return `/chat/sessions/${encodeURIComponent(id)}`;
  }
}
