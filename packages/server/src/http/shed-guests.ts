import type { IncomingMessage, RequestListener } from 'node:http';
import type { Middleware } from 'koa';
import { API_PREFIX } from '../app.js';
import { isAnonymousGuest } from '../auth/guest-tokens.js';
import { OverloadedError } from '../errors.js';
import type { ServerPressure } from '../limits/server-pressure.js';
import { refuseEarly } from './early-refusal.js';
import { bearerToken } from './middleware/auth.js';
import type { OriginCheck } from './middleware/cors.js';
import type { AppState } from './state.js';

/** Long enough for a burst to pass, short enough that the SDK waits it out by itself. */
const RETRY_AFTER_S = 2;
/** The routes a guest's token opens; minting has limits of its own. */
const CHAT_PATH = `${API_PREFIX}/chat/`;

export interface GuestSheddingOptions {
  pressure: ServerPressure;
  /**
   * Anonymous guests' requests handled at once (until each is answered, or its stream has begun);
   * the excess waits. 0: no cap.
   */
  atOnce: number;
  /** Whether a page of this origin may read the refusal (CORS), as for any other answer. */
  isAllowedOrigin: OriginCheck;
  /** Counts each refusal: they are not in the request log, which a flood would fill. */
  onShed: () => void;
}

/**
 * Anonymous guests wait (503 `overloaded`) while this process is under pressure, or while as many
 * of their requests as `atOnce` are in hand already, so that a flood let in again never arrives
 * all at once. A host's own users and visitors whose identity the host vouched for are never
 * refused here. Decided as soon as a request's headers are in, before the app sees it: a flood's
 * refusals then cost little more than the parsing of their headers, and hold little memory while
 * they wait out their pause (limits/refusal-pause.ts), so that the garbage collector's pauses
 * stay short for everyone else.
 */
export class GuestShedding {
  private inHand = 0;
  private readonly counted = new WeakSet<IncomingMessage>();

  constructor(private readonly options: GuestSheddingOptions) {}

  /** The server's request listener, with anonymous guests shed in front of `next`. */
  guard(next: RequestListener): RequestListener {
    return (request, response) => {
      if (!request.url?.startsWith(CHAT_PATH) || !claimsAnonymousGuest(request)) {
        next(request, response);
        return;
      }
      if (this.mustWait) {
        this.options.onShed();
        void refuseEarly(
          request,
          response,
          new OverloadedError(RETRY_AFTER_S),
          this.options.isAllowedOrigin,
        );
        return;
      }
      this.inHand++;
      this.counted.add(request);
      response.once('close', () => this.release(request));
      next(request, response);
    };
  }

  /** In the app: a guest's stream that has begun is no longer in hand. */
  releaseOnceAnswered(): Middleware<AppState> {
    return async (ctx, next) => {
      try {
        await next();
      } finally {
        this.release(ctx.req);
      }
    };
  }

  private get mustWait(): boolean {
    const { pressure, atOnce } = this.options;
    // Under pressure one anonymous request at a time still goes in: the pressure may be the
    // server's own (start-up, a bundle served), and a lone visitor is no flood.
    return (pressure.underPressure && this.inHand > 0) || (atOnce > 0 && this.inHand >= atOnce);
  }

  private release(request: IncomingMessage): void {
    if (this.counted.delete(request)) this.inHand--;
  }
}

/**
 * Whether a request carries what says it is an anonymous guest token (one with a site, whose `sub`
 * is a guest's), read without checking its signature: a token that lies about itself can only make
 * its own bearer wait, and checking it would cost more than the refusal.
 */
export function claimsAnonymousGuest(request: IncomingMessage): boolean {
  const payload = bearerToken(request.headers.authorization ?? '')?.split('.')[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown;
    if (typeof claims !== 'object' || claims === null) return false;
    const { sub, site } = claims as { sub?: unknown; site?: unknown };
    return typeof site === 'string' && typeof sub === 'string' && isAnonymousGuest(sub);
  } catch {
    return false;
  }
}
