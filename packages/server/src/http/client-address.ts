import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import type { AppState } from './state.js';

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
/** A hop that is not an address (only a misconfigured proxy writes one) is cut to this length. */
const MAX_ADDRESS_CHARS = 64;

/**
 * X-Forwarded-For is believed only as far as `proxies` (TRUST_PROXY) reach: koa then takes the
 * `proxies`-th hop from the right, the one our outermost proxy wrote; anything a client wrote to
 * the left of it is ignored. With 0 the socket's address is the client's. `app.proxy` also makes
 * `ctx.protocol` and `ctx.host` follow X-Forwarded-Proto / -Host behind those proxies.
 */
export function trustProxies(app: Koa<AppState>, proxies: number): void {
  app.proxy = proxies > 0;
  app.maxIpsCount = proxies;
}

/**
 * Puts the client's address on `ctx.state.clientAddress`, as `requestAddress` reads it: the
 * listener's guards (which run before the app) and the app decide alike.
 */
export function clientAddress(proxies: number): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.clientAddress = requestAddress(ctx.req, proxies);
    await next();
  };
}

/**
 * The client's address, decided as koa decides `ctx.ip` after `trustProxies(app, proxies)`: the
 * leftmost of the last `proxies` hops of X-Forwarded-For, else (no header, or an empty hop) the
 * socket's.
 */
export function requestAddress(request: IncomingMessage, proxies: number): string {
  const header = proxies > 0 ? request.headers['x-forwarded-for'] : undefined;
  // node:http joins repeated X-Forwarded-For lines with ', ' already; the type allows a list.
  const forwarded = Array.isArray(header) ? header.join(',') : header;
  const hops = forwarded ? forwarded.split(',').slice(-proxies) : [];
  return normalizeAddress(hops[0]?.trim() || request.socket.remoteAddress || '');
}

export function normalizeAddress(address: string): string {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped) return mapped[1]!;
  return address.slice(0, MAX_ADDRESS_CHARS).toLowerCase();
}
