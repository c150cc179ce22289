import type Router from '@koa/router';
import { z } from 'zod';
import { KNOWN_DEVICE_DAYS, type KnownDevices } from '../../../admin/known-devices.js';
import type { OperatorAccounts } from '../../../admin/operator-accounts.js';
import type { OperatorSessions, SignedIn } from '../../../admin/operator-sessions.js';
import { PasswordCheckSlots, type SignInThrottle } from '../../../admin/sign-in-throttle.js';
import { MAX_PASSWORD_CHARS } from '../../../admin/passwords.js';
import { OperatorUnauthorizedError } from '../../../errors.js';
import { jsonBody } from '../../middleware/json-body.js';
import {
  knownDeviceCookie,
  operatorCookie,
  requireOperator,
  setKnownDeviceCookie,
  setOperatorCookie,
} from '../../middleware/operator-auth.js';
import type { AppState } from '../../state.js';
import { parseInput } from '../../validation.js';
import { createRouter } from '../../router.js';

const signInBody = z.strictObject({
  email: z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(254),
  password: z
    .string({ message: 'must be a string' })
    .min(1, 'must not be empty')
    .max(MAX_PASSWORD_CHARS, `must be at most ${MAX_PASSWORD_CHARS} characters`),
});

export interface SessionRouteDeps {
  accounts: OperatorAccounts;
  sessions: OperatorSessions;
  throttle: SignInThrottle;
  devices: KnownDevices;
  production: boolean;
}

function sessionBody(signedIn: SignedIn) {
  return {
    operator: signedIn.operator,
    csrf_token: signedIn.csrfToken,
    expires_at: signedIn.expiresAt.toISOString(),
  };
}

/** POST (sign in), GET (who is signed in, and the CSRF token) and DELETE (sign out) /admin/session. */
export function adminSessionRoutes(deps: SessionRouteDeps): Router<AppState> {
  const router = createRouter();
  const checks = new PasswordCheckSlots();

  router.post('/session', jsonBody(4 * 1024), async (ctx) => {
    const body = parseInput(signInBody, ctx.state.body, 'body');
    await deps.throttle.count(ctx.state.clientAddress, body.email, () =>
      deps.devices.recognize(body.email, knownDeviceCookie(ctx, deps.production)),
    );
    const operator = await checks.run(() => deps.accounts.verify(body.email, body.password));
    if (!operator) throw new OperatorUnauthorizedError('Wrong e-mail or password.');
    // A sign-in over a session still open ends that one: one cookie, one session.
    const previous = operatorCookie(ctx, deps.production);
    if (previous) await deps.sessions.end(previous);
    const started = await deps.sessions.start(operator);
    await deps.accounts.recordSignIn(operator.id);
    setOperatorCookie(ctx, started.token, {
      expires: started.expiresAt,
      production: deps.production,
    });
    setKnownDeviceCookie(ctx, await deps.devices.issue(operator.id), {
      expires: new Date(Date.now() + KNOWN_DEVICE_DAYS * 86_400_000),
      production: deps.production,
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = sessionBody(started);
  });

  router.get('/session', requireOperator(deps.sessions, deps.production), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = sessionBody(ctx.state.operator!);
  });

  router.delete('/session', requireOperator(deps.sessions, deps.production), async (ctx) => {
    await deps.sessions.end(operatorCookie(ctx, deps.production)!);
    setOperatorCookie(ctx, undefined, { production: deps.production });
    ctx.status = 204;
  });

  return router;
}
