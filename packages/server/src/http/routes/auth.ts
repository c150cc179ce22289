import Router from '@koa/router';
import type { GuestTokens } from '../../auth/guest-tokens.js';
import { originMatches, type SiteRegistry } from '../../auth/site-registry.js';
import { ForbiddenError } from '../../errors.js';
import { bearerToken } from '../middleware/auth.js';
import { jsonBody } from '../middleware/json-body.js';
import { guestTokenBody } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput } from '../validation.js';

export function authRoutes(sites: SiteRegistry, guestTokens: GuestTokens): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/auth' });

  router.post('/guest', jsonBody(), async (ctx) => {
    const { site_key: siteKey } = parseInput(guestTokenBody, ctx.state.body, 'body');
    const origin = ctx.get('Origin');
    const site = await sites.findByKey(siteKey);
    // Unknown keys and foreign origins answer alike, so keys cannot be probed.
    if (
      !site ||
      !origin ||
      !site.allowed_origins.some((pattern) => originMatches(pattern, origin))
    ) {
      throw new ForbiddenError('This site key is not valid for this origin.');
    }
    ctx.body = await guestTokens.issue(site.id, bearerToken(ctx.get('Authorization')));
  });

  return router;
}
