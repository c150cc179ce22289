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

/** Checks bearer JWTs: HS256 with the shared secret, or the host's own keys from a JWKS URL. */
export class TokenVerifier {
  private readonly jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly options: TokenVerifierOptions) {
    this.jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const payload = await this.verifyWithAnyKey(token);
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new UnauthorizedError('The token has no subject.');
    }
    return { subject: payload.sub, payload };
  }

  private async verifyWithAnyKey(token: string): Promise<JWTPayload> {
    const checks = {
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      ...(this.options.audience ? { audience: this.options.audience } : {}),
    };
    const attempts: Array<() => Promise<JWTPayload>> = [];
    if (this.options.secret) {
      const secret = this.options.secret;
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
