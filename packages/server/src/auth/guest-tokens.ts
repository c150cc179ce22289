import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
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

/** Short-lived HS256 tokens for the visitors of a registered site, anonymous or named by the host. */
export class GuestTokens {
  private readonly issuer: string;
  /** A key object, not the bytes: jose imports bytes afresh on every use, a key object once. */
  private readonly secret: KeyObject;

  constructor(
    secret: Uint8Array,
    private readonly options: GuestTokenOptions,
  ) {
    this.issuer = options.issuer ?? GUEST_ISSUER;
    this.secret = createSecretKey(secret);
  }

  /** A token for `subject`; a new anonymous guest when there is none. */
  async issue(siteId: string, subject = newGuestSubject()): Promise<GuestToken> {
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

  /**
   * The anonymous guest a previous token of this site named, so that a visitor renewing it keeps
   * their identity (and so their history), even after expiry; undefined for any other token.
   */
  async renewedGuest(siteId: string, token: string | undefined): Promise<string | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        currentDate: new Date(Date.now() - RENEWAL_WINDOW_S * 1000),
      });
      const subject = payload.sub;
      if (payload.site !== siteId || typeof subject !== 'string' || !isAnonymousGuest(subject)) {
        return undefined;
      }
      return subject;
    } catch {
      return undefined;
    }
  }
}

const ANONYMOUS_PREFIX = 'guest:';

function newGuestSubject(): string {
  return `${ANONYMOUS_PREFIX}${randomUUID()}`;
}

/** Whether a guest token's subject is an anonymous visitor (not one the host named and vouched for). */
export function isAnonymousGuest(subject: string): boolean {
  return subject.startsWith(ANONYMOUS_PREFIX);
}
