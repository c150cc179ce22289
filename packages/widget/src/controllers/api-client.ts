import { RepruvClient } from '@repruv/client-sdk';
import type { solveChallenge } from '@repruv/client-sdk/challenge';
import { pageStorage } from './storage.js';

/** How the element reaches the API: read afresh before each use, as its properties change. */
export interface ChatConnection {
  apiUrl: string;
  siteKey: string | null;
  mode: string | null;
  token: string | null;
  getToken: (() => string | undefined | Promise<string | undefined>) | null;
  /** The host's own id for a signed-in visitor, with its HMAC (`user_hash`) from the host's server. */
  userId: string | null;
  userHash: string | null;
}

/** Solves the server's proof-of-work challenge, as the SDK's own solver does. */
export type SolveChallenge = typeof solveChallenge;

/**
 * The SDK client for the element's current connection: one per API URL, site key, visitor
 * identity and kind of credential, so a changed `token` is picked up without a new client (and
 * its guest token), while a changed `user-id` gets a client, and a guest token, of its own.
 */
export class ApiClient {
  readonly #connection: () => ChatConnection;
  readonly #solveChallenge: SolveChallenge | undefined;
  #client: RepruvClient | null = null;
  #key = '';

  constructor(connection: () => ChatConnection, solveChallenge?: SolveChallenge) {
    this.#connection = connection;
    this.#solveChallenge = solveChallenge;
  }

  get(): RepruvClient {
    const { apiUrl, siteKey, token, getToken, userId, userHash } = this.#connection();
    const credential = `${token ? 't' : ''}${getToken ? 'g' : ''}`;
    const key = JSON.stringify([apiUrl, siteKey, credential, userId, userHash]);
    if (this.#client && key === this.#key) return this.#client;
    const baseUrl = apiUrl.replace(/\/+$/, '');
    const tokenSource = getToken ?? (token ? () => this.#connection().token ?? undefined : null);
    this.#client = tokenSource
      ? new RepruvClient({
          baseUrl,
          getToken: () => (this.#connection().getToken ?? tokenSource)(),
        })
      : RepruvClient.guest({
          baseUrl,
          siteKey: siteKey ?? '',
          storage: pageStorage(),
          ...(userId && { userId, userHash: userHash ?? '' }),
          ...(this.#solveChallenge && { solveChallenge: this.#solveChallenge }),
        });
    this.#key = key;
    return this.#client;
  }
}
