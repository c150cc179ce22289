import type { RequestListener } from 'node:http';
import { API_PREFIX } from '../app.js';
import type { AppError } from '../errors.js';
import { requestAddress } from './client-address.js';
import { refuseEarly } from './early-refusal.js';
import type { OriginCheck } from './middleware/cors.js';

export const MINT_PATH = `${API_PREFIX}/auth/guest`;

export interface SpentMintsOptions {
  /** TRUST_PROXY: the address is decided as the app decides it. */
  proxies: number;
  /** The refusal the mint limits would give this address now, if they know it already. */
  spentAddressRefusal: (clientAddress: string) => AppError | undefined;
  isAllowedOrigin: OriginCheck;
  /** Counts each refusal: they are not in the request log, which a flood would fill. */
  onRefused: () => void;
}

/**
 * A token farm's mints, once its address is over its limit for the minute, are refused as soon as
 * their headers are in: the same 429 the app would give after reading the body, without the app's
 * context, body parsing and site lookup held for the refusal pause (auth/mint-limits.ts decides;
 * this only repeats a refusal the limits gave already this window).
 */
export function refuseSpentMints(
  next: RequestListener,
  options: SpentMintsOptions,
): RequestListener {
  return (request, response) => {
    const refusal =
      request.method === 'POST' && isMintPath(request.url)
        ? options.spentAddressRefusal(requestAddress(request, options.proxies))
        : undefined;
    if (!refusal) {
      next(request, response);
      return;
    }
    options.onRefused();
    void refuseEarly(request, response, refusal, options.isAllowedOrigin);
  };
}

/** As the router matches it: any case, a trailing slash, a query. */
function isMintPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0]!.toLowerCase();
  return path === MINT_PATH || path === `${MINT_PATH}/`;
}
