import type { SignedIn } from '../admin/operator-sessions.js';

/** What middleware puts on `ctx.state` for the handlers below it. */
export interface AppState {
  requestId: string;
  /** The socket's address, or the X-Forwarded-For hop that TRUST_PROXY names (http/client-address.ts). */
  clientAddress: string;
  /** The token's `sub`. */
  subject: string;
  /** The users row the subject names. */
  userId: string;
  /** The site a guest token was issued for; undefined for a host's own tokens. */
  siteId?: string | undefined;
  body: unknown;
  /** When the request's body must be in (epoch ms): BODY_TIMEOUT_S after its headers; unset: no limit. */
  bodyDeadline?: number | undefined;
  /** The signed-in operator of an `/admin` request (http/middleware/operator-auth.ts). */
  operator?: SignedIn | undefined;
}
