import type { Middleware } from 'koa';
import { UnauthorizedError } from '../../errors.js';
import type { TokenVerifier } from '../../auth/token-verifier.js';
import type { UserDirectory } from '../../auth/user-directory.js';
import type { AppState } from '../state.js';

export function bearerToken(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Requires a valid bearer JWT: its `sub`, and its site (a guest token's). */
export function authenticate(verifier: TokenVerifier): Middleware<AppState> {
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('Authorization'));
    if (!token) throw new UnauthorizedError();
    const { subject, payload } = await verifier.verify(token);
    ctx.state.subject = subject;
    ctx.state.siteId = typeof payload.site === 'string' ? payload.site : undefined;
    await next();
  };
}

/** The authenticated `sub` becomes `ctx.state.userId` (a users row, made on first sight). */
export function resolveUser(users: UserDirectory): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.userId = await users.resolve(ctx.state.subject);
    await next();
  };
}
