import { timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { OperatorSessions } from '../../admin/operator-sessions.js';
import { ForbiddenError, OperatorUnauthorizedError } from '../../errors.js';
import type { AppState } from '../state.js';

/**
 * The console's session cookie: HttpOnly and SameSite=Strict, so no other site's page sends it.
 * Whenever it is Secure (always in production) it carries the `__Host-` prefix, which browsers
 * accept only from this host, Secure, for Path=/ and without Domain: a page on a sibling
 * subdomain can neither set nor overwrite it.
 */
export const OPERATOR_COOKIE = 'repruv_operator';
export const SECURE_OPERATOR_COOKIE = `__Host-${OPERATOR_COOKIE}`;
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafe(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * Refuses a state-changing request that another site's page made: its `Origin` (or, without one,
 * `Sec-Fetch-Site`) says so. Sign-in is guarded by this too, so that no page signs a visitor in
 * to an account of its choosing.
 */
export function sameOriginOnly(): Middleware<AppState> {
  return async (ctx, next) => {
    if (isUnsafe(ctx.method)) {
      const origin = ctx.get('Origin');
      const fetchSite = ctx.get('Sec-Fetch-Site');
      // Koa 3's ctx.origin is the Origin header itself: the server's own is protocol and host
      // (X-Forwarded-Proto and -Host with TRUST_PROXY).
      const own = `${ctx.protocol}://${ctx.host}`;
      if (origin !== '' && origin !== own) {
        throw new ForbiddenError(`The console's API answers pages of ${own} only.`);
      }
      if (fetchSite !== '' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
        throw new ForbiddenError("The console's API answers its own pages only.");
      }
    }
    await next();
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The session cookie as the request brought it; in production only the `__Host-` one counts. */
export function operatorCookie(ctx: Context, production: boolean): string | undefined {
  const value =
    ctx.cookies.get(SECURE_OPERATOR_COOKIE) ??
    (production ? undefined : ctx.cookies.get(OPERATOR_COOKIE));
  return value && /^[\w-]{20,100}$/.test(value) ? value : undefined;
}

/**
 * Requires a signed-in operator (the cookie, never a bearer token: a chat token opens nothing
 * here); unsafe methods also need the session's CSRF token in `X-CSRF-Token`.
 */
export function requireOperator(
  sessions: OperatorSessions,
  production: boolean,
): Middleware<AppState> {
  return async (ctx, next) => {
    const token = operatorCookie(ctx, production);
    const signedIn = token ? await sessions.find(token) : undefined;
    if (!signedIn) throw new OperatorUnauthorizedError();
    if (isUnsafe(ctx.method) && !sameText(ctx.get(CSRF_HEADER), signedIn.csrfToken)) {
      throw new ForbiddenError(
        `Send the session's CSRF token (from GET /admin/session) in ${CSRF_HEADER}.`,
      );
    }
    ctx.state.operator = signedIn;
    await next();
  };
}

/**
 * Sets the console's session cookie (or ends it, `token` undefined). Secure whenever the request
 * came over HTTPS and always in production, where the console must be served over HTTPS.
 */
export function setOperatorCookie(
  ctx: Context,
  token: string | undefined,
  options: { expires?: Date; production: boolean },
): void {
  setStrictCookie(ctx, OPERATOR_COOKIE, token, options);
}

/**
 * The proof that this browser signed in as an operator before (admin/known-devices.ts), kept
 * across sign-outs; HttpOnly, SameSite=Strict and `__Host-` as the session cookie is.
 */
export const KNOWN_DEVICE_COOKIE = 'repruv_operator_device';

export function knownDeviceCookie(ctx: Context, production: boolean): string | undefined {
  const value =
    ctx.cookies.get(`__Host-${KNOWN_DEVICE_COOKIE}`) ??
    (production ? undefined : ctx.cookies.get(KNOWN_DEVICE_COOKIE));
  return value && value.length <= 100 ? value : undefined;
}

export function setKnownDeviceCookie(
  ctx: Context,
  proof: string,
  options: { expires: Date; production: boolean },
): void {
  setStrictCookie(ctx, KNOWN_DEVICE_COOKIE, proof, options);
}

function setStrictCookie(
  ctx: Context,
  name: string,
  value: string | undefined,
  options: { expires?: Date; production: boolean },
): void {
  const secure = ctx.secure || options.production;
  const attributes = [
    `${secure ? `__Host-${name}` : name}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Expires=${(value ? (options.expires ?? new Date(0)) : new Date(0)).toUTCString()}`,
  ];
  if (secure) attributes.push('Secure');
  ctx.append('Set-Cookie', attributes.join('; '));
}
