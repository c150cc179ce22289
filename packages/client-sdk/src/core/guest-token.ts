import type { GuestToken } from '../types.js';
import { UnauthorizedError } from './errors.js';
import type { HttpClient, TokenSource } from './http.js';

/** Where a guest token is kept between page loads: `localStorage`, `sessionStorage` or alike. */
export interface TokenStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): unknown;
}

/** Renew this long before `expires_at`, so a request never leaves with a token about to lapse. */
const RENEW_MARGIN_MS = 30_000;

/**
 * Guest tokens from `POST /auth/guest`. A renewal shows the previous token, expired or
 * not, so the visitor keeps the same guest identity and history.
 */
export class GuestTokens implements TokenSource {
  #current?: GuestToken | null;
  #pending?: Promise<string> | undefined;

  readonly #http: HttpClient;
  readonly #siteKey: string;
  readonly #storage: TokenStorage | undefined;

  constructor(http: HttpClient, siteKey: string, storage?: TokenStorage) {
    this.#http = http;
    this.#siteKey = siteKey;
    this.#storage = storage;
  }

  async get(): Promise<string> {
    this.#current ??= await this.#load();
    const current = this.#current;
    if (current && Date.parse(current.expires_at) - Date.now() > RENEW_MARGIN_MS) {
      return current.token;
    }
    return this.renew();
  }

  /** One renewal at a time, however many requests ask for it. */
  renew(): Promise<string> {
    return (this.#pending ??= this.#issue().finally(() => (this.#pending = undefined)));
  }

  async #issue(): Promise<string> {
    const previous = this.#current?.token;
    const request = (token?: string) =>
      this.#http.request<GuestToken>({
        method: 'POST',
        path: '/auth/guest',
        body: { site_key: this.#siteKey },
        anonymous: true,
        idempotent: true,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    // A previous token the server no longer knows (say, a rotated secret) must not lock the visitor out.
    const fresh = await request(previous).catch((err) => {
      if (previous && err instanceof UnauthorizedError) return request();
      throw err;
    });
    this.#current = fresh;
    try {
      await this.#storage?.setItem(this.#key(), JSON.stringify(fresh));
    } catch {
      // Storage full or forbidden (private mode): the token still works for this page.
    }
    return fresh.token;
  }

  async #load(): Promise<GuestToken | null> {
    try {
      const stored = await this.#storage?.getItem(this.#key());
      return stored ? (JSON.parse(stored) as GuestToken) : null;
    } catch {
      return null;
    }
  }

  #key(): string {
    return `repruv.guest.${this.#siteKey}`;
  }
}
