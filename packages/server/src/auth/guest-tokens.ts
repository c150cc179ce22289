import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export const GUEST_ISSUER = 'repruv-guest';
const RENEWAL_WINDOW_S = 30 * 24 * 3600;

export interface GuestTokenOptions {
  ttlSeconds: number;
  /** AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE: the API checks them on every token, guests' included. */
  issuer: string | undefined;
  audience: string | undefined;
}

export interface GuestToken {
  token: string;
  expires_at: string;
}

/** Short-lived HS256 tokens for anonymous visitors of a registered site. */
export class GuestTokens {
  private readonly issuer: string;

  constructor(
    private readonly secret: Uint8Array,
    private readonly options: GuestTokenOptions,
  ) {
    this.issuer = options.issuer ?? GUEST_ISSUER;
  }

  async issue(siteId: string, previousToken: string | undefined): Promise<GuestToken> {
    const subject = (await this.previousSubject(siteId, previousToken)) ?? `guest:${randomUUID()}`;
    const expiresAt = Math.floor(Date.now() / 1000) + this.options.ttlSeconds;
    const jwt = new SignJWT({ site: siteId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuer(this.issuer)
      .setIssuedAt()
      .setExpirationTime(expiresAt);
    if (this.options.audience) jwt.setAudience(this.options.audience);
    const token = await jwt.sign(this.secret);
    return { token, expires_at: new Date(expiresAt * 1000).toISOString() };
  }

  /** A visitor renewing a guest token keeps their identity (and so their history), even after expiry. */
  private async previousSubject(
    siteId: string,
    token: string | undefined,
  ): Promise<string | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        currentDate: new Date(Date.now() - RENEWAL_WINDOW_S * 1000),
      });
      const subject = payload.sub;
      if (payload.site !== siteId || typeof subject !== 'string' || !subject.startsWith('guest:')) {
        return undefined;
      }
      return subject;
    } catch {
      return undefined;
    }
  }
}
