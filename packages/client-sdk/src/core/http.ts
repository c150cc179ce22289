import {
  AbortError,
  NetworkError,
  RateLimitError,
  RepruvError,
  UnauthorizedError,
  UpstreamUnavailableError,
} from './errors.js';
import { abortable, onAbort, retryDelay, sleep } from './retry.js';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;
type MaybePromise<T> = T | Promise<T>;

/** Where bearer tokens come from: `get` before a request, `renew` once after a 401. */
export interface TokenSource {
  get(): MaybePromise<string | undefined>;
  renew?(): MaybePromise<string | undefined>;
}

export interface HttpOptions {
  /** The API root, e.g. `http://localhost:3000/api/v1`. */
  apiUrl: string;
  fetch: Fetch;
  maxRetries: number;
  timeoutMs: number;
  headers?: Record<string, string>;
  auth?: TokenSource;
}

export interface HttpRequest {
  method?: string;
  path: string;
  query?: object;
  body?: unknown;
  /** A multipart body, sent instead of `body` as is (fetch writes its boundary). */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /**
   * Never repeat it after a cut connection: it may have been done, and a repeat would make a
   * second of what it creates. A refusal (429, 503) is waited out as for every call.
   */
  noRetry?: boolean;
  /** Resolve with the open `Response` of an event stream (with `blob`: of any type), with no timeout. */
  stream?: boolean;
  /** Resolve with the body as a Blob of the response's media type, whatever it is. */
  blob?: boolean;
  /** Sends it instead of the client's fetch (an upload reporting its progress). */
  fetch?: Fetch | undefined;
}

/** The longest `Retry-After` waited out automatically. */
const MAX_RETRY_AFTER_S = 5;

/** fetch with the API's JSON, auth, typed errors, timeout and safe retries. */
export class HttpClient {
  constructor(readonly options: HttpOptions) {}

  async request<T>(req: HttpRequest): Promise<T> {
    const { auth: source, maxRetries } = this.options;
    // A guest token may take a while (a proof of work): the caller's abort does not wait for it.
    let token = await abortable(source?.get(), req.signal);
    let renewed = !source?.renew;
    for (let attempt = 0; ;) {
      try {
        return await this.#once<T>(req, token);
      } catch (err) {
        // A refusal (429, 503) did nothing and is waited out by every call; a cut connection may
        // have done it, so only calls safe to repeat are. A wait longer than a few seconds is the
        // caller's to show ("try again in 30 s"), not to sit through.
        const retryable =
          (err instanceof NetworkError && !req.noRetry) ||
          ((err instanceof RateLimitError || err instanceof UpstreamUnavailableError) &&
            !((err as RateLimitError).retryAfter! > MAX_RETRY_AFTER_S));
        if (err instanceof UnauthorizedError && !renewed) {
          renewed = true;
          token = await abortable(source!.renew!(), req.signal);
        } else if (!retryable || attempt >= maxRetries) throw err;
        else await sleep(retryDelay(attempt++, (err as RateLimitError).retryAfter), req.signal);
      }
    }
  }

  async #once<T>(req: HttpRequest, token: string | undefined): Promise<T> {
    const { apiUrl, fetch, timeoutMs, headers } = this.options;
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = req.stream ? undefined : setTimeout(abort, timeoutMs);
    const unlisten = onAbort(req.signal, abort);
    const url = apiUrl + req.path + queryString(req.query);
    // undefined when there is no body: fetch then sends none.
    const json = JSON.stringify(req.body);
    try {
      const res = await (req.fetch ?? fetch)(url, {
        method: req.method,
        headers: {
          Accept: req.blob ? '*/*' : req.stream ? 'text/event-stream' : 'application/json',
          ...(json && { 'Content-Type': 'application/json' }),
          ...(token && { Authorization: `Bearer ${token}` }),
          ...headers,
          ...req.headers,
        },
        body: req.form ?? json,
        signal: controller.signal,
      });
      if (!res.ok) {
        throw RepruvError.fromResponse(res.status, await res.json().catch(() => null), res.headers);
      }
      if (req.stream) return res as T;
      if (req.blob) return (await res.blob()) as T;
      return (res.status === 204 ? undefined : await res.json()) as T;
    } catch (err) {
      if (err instanceof RepruvError) throw err;
      if (req.signal?.aborted) throw new AbortError();
      throw new NetworkError(
        controller.signal.aborted
          ? `${url} timed out`
          : `No answer from ${url}: is the server running and baseUrl right? In a browser, check CORS`,
        err,
      );
    } finally {
      clearTimeout(timer);
      // A stream's body is read later, and the caller's abort must still cancel it.
      if (!req.stream) unlisten();
    }
  }
}

function queryString(query: object = {}): string {
  const search = new URLSearchParams(
    Object.entries(query).filter(([, value]) => value != null),
  ).toString();
  return search && `?${search}`;
}
