import type { Challenge } from '../challenge.js';
import type { GuestToken } from '../types.js';
import { ChallengeRequiredError, UnauthorizedError } from './errors.js';
import type { HttpClient, TokenSource } from './http.js';

/** Where a guest token is kept between page loads: `localStorage`, `sessionStorage` or alike. */
export interface TokenStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): unknown;
}

/** Solves a `GET /auth/challenge` challenge: resolves with the `challenge_solution`. */
export type ChallengeSolver = (challenge: Challenge) => Promise<string>;

export interface GuestIdentity {
  /** The site's public key (`pk_…`). */
  siteKey: string;
  /** The host's id of its signed-in visitor; empty or absent for an anonymous visitor. */
  userId?: string | undefined;
  /** hex HMAC-SHA256(the site's identity secret, userId), computed on the host's server. */
  userHash?: string | undefined;
  /** Called when the site asks for a proof of work; without it, ChallengeRequiredError is thrown. */
  solveChallenge?: ChallengeSolver | undefined;
  /** Keeps the guest token across page loads, e.g. `localStorage`. */
  storage?: TokenStorage | undefined;
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
  readonly #identity: GuestIdentity;
  /**
   * Per site and per host user, so one browser's two users never share a token. An anonymous
   * visitor's key predates identities: keeping it keeps their history.
   */
  readonly #key: string;

  /** `http` asks for guest tokens: it must send no token of its own. */
  constructor(http: HttpClient, identity: GuestIdentity) {
    const { siteKey, userId } = identity;
    this.#http = http;
    this.#identity = identity;
    this.#key = userId
      ? `repruv.user.${JSON.stringify([siteKey, userId])}`
      : `repruv.guest.${siteKey}`;
  }

  async get(): Promise<string> {
    const current = (this.#current ??= await this.#load());
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
    const fresh = await this.#post(this.#current?.token);
    this.#current = fresh;
    try {
      await this.#identity.storage?.setItem(this.#key, JSON.stringify(fresh));
    } catch {
      // Storage full or forbidden (private mode): the token still works for this page.
    }
    return fresh.token;
  }

  /**
   * `POST /auth/guest`, showing `token` (the previous one) to keep the visitor's identity. A
   * token the server no longer knows (say, a rotated secret) must not lock the visitor out, so
   * it is dropped; a challenge is solved once.
   */
  #post(token?: string, solution?: string): Promise<GuestToken> {
    const { siteKey, userId, userHash, solveChallenge } = this.#identity;
    return this.#http
      .request<GuestToken>({
        method: 'POST',
        path: '/auth/guest',
        body: {
          site_key: siteKey,
          ...(userId && { user_id: userId, user_hash: userHash }),
          challenge_solution: solution,
        },
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      })
      .catch(async (error) => {
        if (error instanceof ChallengeRequiredError && solveChallenge && !solution) {
          const challenge = await this.#http.request<Challenge>({
            path: '/auth/challenge',
            query: { site_key: siteKey },
          });
          return this.#post(undefined, await solveChallenge(challenge));
        }
        if (token && error instanceof UnauthorizedError) return this.#post();
        throw error;
      });
  }

  async #load(): Promise<GuestToken | null> {
    try {
      const stored = await this.#identity.storage?.getItem(this.#key);
      return stored ? (JSON.parse(stored) as GuestToken) : null;
    } catch {
      return null;
    }
  }
}
