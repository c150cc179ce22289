import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthorizedError } from '../errors.js';

export interface TokenVerifierOptions {
  secret: Uint8Array | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

export interface VerifiedToken {
  subject: string;
  payload: JWTPayload;
}

/** The longest `sub` taken as a user id (users.external_id holds no more: migration 005). */
export const MAX_SUBJECT_CHARS = 512;

/** Checks bearer JWTs: HS256 with the shared secret, or the host's own keys from a JWKS URL. */
const CACHE_LIMIT = 10_000;
const CACHE_MAX_AGE_MS = 5 * 60_000;

export class TokenVerifier {
  private readonly jwks: JWTVerifyGetKey | undefined;
  /** A key object, not the bytes: jose imports bytes afresh on every check, a key object once. */
  private readonly secret: KeyObject | undefined;
  // A token checked once stays valid until it expires: skip the signature check on every request.
  private readonly verified = new Map<string, { token: VerifiedToken; validUntil: number }>();

  constructor(private readonly options: TokenVerifierOptions) {
    this.jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
    this.secret = options.secret && createSecretKey(options.secret);
  }

  async verify(token: string): Promise<VerifiedToken> {
    const cached = this.verified.get(token);
    if (cached && cached.validUntil > Date.now()) return cached.token;
    if (cached) this.verified.delete(token);

    const payload = await this.verifyWithAnyKey(token);
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new UnauthorizedError('The token has no subject.');
    }
    if (payload.sub.length > MAX_SUBJECT_CHARS) {
      throw new UnauthorizedError(`The token's subject is over ${MAX_SUBJECT_CHARS} characters.`);
    }
    // A token that never expires could not be taken back once leaked.
    if (typeof payload.exp !== 'number') {
      throw new UnauthorizedError('The token has no expiry (exp); such tokens are refused.');
    }
    const verified = { subject: payload.sub, payload };
    const expiresAt = payload.exp * 1000;
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, {
      token: verified,
      validUntil: Math.min(expiresAt, Date.now() + CACHE_MAX_AGE_MS),
    });
    return verified;
  }

  private async verifyWithAnyKey(token: string): Promise<JWTPayload> {
    const checks = {
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      ...(this.options.audience ? { audience: this.options.audience } : {}),
    };
    const attempts: Array<() => Promise<JWTPayload>> = [];
    if (this.secret) {
      const secret = this.secret;
      attempts.push(
        async () => (await jwtVerify(token, secret, { ...checks, algorithms: ['HS256'] })).payload,
      );
    }
    if (this.jwks) {
      const jwks = this.jwks;
      attempts.push(async () => (await jwtVerify(token, jwks, checks)).payload);
    }
    for (const attempt of attempts) {
      try {
        return await attempt();
      } catch {
        // Try the next key source; the caller only learns that the token was not accepted.
      }
    }
    throw new UnauthorizedError('The token is missing, expired or not validly signed.');
  }
}
