import type { Middleware } from 'koa';
import { OverloadedError } from '../../errors.js';
import { pauseBeforeRefusal } from '../../limits/refusal-pause.js';
import type { ServerPressure } from '../../limits/server-pressure.js';
import type { AppState } from '../state.js';

/** Long enough for a burst to pass, short enough that the SDK waits it out by itself. */
const RETRY_AFTER_S = 2;

export interface GuestSheddingOptions {
  pressure: ServerPressure;
  /**
   * Anonymous guests' requests handled at once (until each is answered, or its stream has begun);
   * the excess waits. 0: no cap.
   */
  atOnce: number;
}

/**
 * Anonymous guests wait (503 `overloaded`) while this process is under pressure, or while as many
 * of their requests as `atOnce` are in hand already, so that a flood let in again never arrives
 * all at once. Refusals are answered after a pause (limits/refusal-pause.ts). A host's own users
 * and visitors whose identity the host vouched for are never refused here. After authentication,
 * before anything is read.
 */
export function shedAnonymousGuests(options: GuestSheddingOptions): Middleware<AppState> {
  let inHand = 0;
  return async (ctx, next) => {
    if (!ctx.state.anonymous) return next();
    if (options.pressure.underPressure || (options.atOnce > 0 && inHand >= options.atOnce)) {
      await pauseBeforeRefusal();
      throw new OverloadedError(RETRY_AFTER_S);
    }
    inHand++;
    try {
      await next();
    } finally {
      inHand--;
    }
  };
}
