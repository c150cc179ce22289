import { GuestTokens, type GuestIdentity } from './core/guest-token.js';
import { HttpClient, type Fetch } from './core/http.js';
import { Attachments } from './resources/attachments.js';
import { Messages } from './resources/messages.js';
import { searchSessions } from './resources/search.js';
import { Sessions } from './resources/sessions.js';
import type { PagePromise, SearchCursorPage } from './core/pagination.js';
import type { RequestOptions, SearchHit, SearchParams } from './types.js';

export interface ClientOptions {
  /** The server origin, e.g. `http://localhost:3000`; `/api/v1` is added. */
  baseUrl: string;
  /** A fixed bearer token (a JWT signed for the server). */
  token?: string;
  /** Called whenever a request needs a token, and once more after a 401. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: Fetch;
  /** Retries of a safe request after a network error, 429 or 503. Default 2. */
  maxRetries?: number;
  /** Time limit of a non-streaming request. Default 60000. */
  timeoutMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface GuestClientOptions
  extends Omit<ClientOptions, 'token' | 'getToken'>, GuestIdentity {}

/**
 * The Repruv Assistant API: `client.sessions`, `client.messages`, `client.attachments` and
 * `client.search`.
 */
export class RepruvClient {
  readonly sessions: Sessions;
  readonly messages: Messages;
  readonly attachments: Attachments;
  readonly #http: HttpClient;

  constructor({
    baseUrl,
    token,
    getToken,
    fetch,
    maxRetries = 2,
    timeoutMs = 60_000,
    headers,
  }: ClientOptions) {
    this.#http = new HttpClient({
      apiUrl: `${baseUrl.replace(/\/+$/, '')}/api/v1`,
      // Looked up per call, and not called as a method, so a browser's fetch keeps its `this`.
      fetch: fetch ?? ((url, init) => globalThis.fetch(url, init)),
      maxRetries,
      timeoutMs,
      headers,
      auth: { get: getToken ?? (() => token), ...(getToken && { renew: getToken }) },
    });
    this.sessions = new Sessions(this.#http);
    this.messages = new Messages(this.#http);
    this.attachments = new Attachments(this.#http);
  }

  /**
   * Finds the caller's sessions whose title or any message (on any branch) matches `q`, best match
   * first. Await it for one page, or iterate it for every hit; open a hit's branch with
   * `messages.list(hit.session.id, { leaf: hit.message.id })`.
   */
  search(params: SearchParams, options?: RequestOptions): PagePromise<SearchCursorPage, SearchHit> {
    return searchSessions(this.#http, params, options);
  }

  /**
   * A client for a visitor of a registered site, anonymous or (with `userId` and `userHash`)
   * a verified user of the host: guest tokens are fetched, kept and renewed for it.
   */
  static guest(options: GuestClientOptions): RepruvClient {
    const client = new RepruvClient(options);
    const http = client.#http;
    // The guest token calls themselves send no token but the one they show.
    http.options.auth = new GuestTokens(
      new HttpClient({ ...http.options, auth: undefined }),
      options,
    );
    return client;
  }
}
