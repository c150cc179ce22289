import type Router from '@koa/router';
import type { GuestMinting } from '../../auth/guest-minting.js';
import { withPausedRateLimits } from '../../limits/refusal-pause.js';
import { bearerToken } from '../middleware/auth.js';
import { jsonBody } from '../middleware/json-body.js';
import { challengeQuery, guestTokenBody } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';
import { createRouter } from '../router.js';

export function authRoutes(minting: GuestMinting): Router<AppState> {
  const router = createRouter('/auth');

  router.get('/challenge', async (ctx) => {
    const { site_key: siteKey } = parseInput(challengeQuery, ctx.query, 'query');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await minting.challengeFor(siteKey, ctx.get('Origin'));
  });

  router.post('/guest', jsonBody(), async (ctx) => {
    const body = parseInput(guestTokenBody, ctx.state.body, 'body');
    ctx.body = await withPausedRateLimits(
      minting.mint({
        siteKey: body.site_key,
        userId: body.user_id,
        userHash: body.user_hash,
        challengeSolution: body.challenge_solution,
        origin: ctx.get('Origin'),
        clientAddress: ctx.state.clientAddress,
        previousToken: bearerToken(ctx.get('Authorization')),
      }),
    );
  });

  return router;
}
