import type { HttpClient } from '../core/http.js';
import { listPages, SessionCursorPage, type PagePromise } from '../core/pagination.js';
import type {
  RequestOptions,
  Session,
  SessionCreateParams,
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

  /** Latest activity first. Await it for one page, or iterate it for every session. */
  list(
    query: SessionListParams = {},
    options?: RequestOptions,
  ): PagePromise<SessionCursorPage, Session> {
    return listPages(SessionCursorPage, (params) =>
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

  /** Deletes a session and all its messages. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.#http.request({ ...options, method: 'DELETE', path: this.#path(id) });
  }

  #path(id: string): string {
    return `/chat/sessions/${encodeURIComponent(id)}`;
  }
}
