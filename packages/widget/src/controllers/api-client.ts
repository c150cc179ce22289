import { RepruvClient } from '@repruv/client-sdk';
import { pageStorage } from './storage.js';

/** How the element reaches the API: read afresh before each use, as its properties change. */
export interface ChatConnection {
  apiUrl: string;
  siteKey: string | null;
  mode: string | null;
  token: string | null;
  getToken: (() => string | undefined | Promise<string | undefined>) | null;
}

/**
 * The SDK client for the element's current connection: one per API URL, site key and kind of
 * credential, so a changed `token` is picked up without a new client (and its guest token).
 */
export class ApiClient {
  readonly #connection: () => ChatConnection;
  #client: RepruvClient | null = null;
  #key = '';

  constructor(connection: () => ChatConnection) {
    this.#connection = connection;
  }

  get(): RepruvClient {
    const { apiUrl, siteKey, token, getToken } = this.#connection();
    const key = `${apiUrl}|${siteKey}|${token ? 't' : ''}|${getToken ? 'g' : ''}`;
    if (this.#client && key === this.#key) return this.#client;
    const baseUrl = apiUrl.replace(/\/+$/, '');
    const tokenSource = getToken ?? (token ? () => this.#connection().token ?? undefined : null);
    this.#client = tokenSource
      ? new RepruvClient({
          baseUrl,
          getToken: () => (this.#connection().getToken ?? tokenSource)(),
        })
      : RepruvClient.guest({ baseUrl, siteKey: siteKey ?? '', storage: pageStorage() });
    this.#key = key;
    return this.#client;
  }
}
