import type Router from '@koa/router';
import { z } from 'zod';
import { toPublicSiteConfig } from '../../admin/site-dto.js';
import { SITE_CACHE_MS, type SiteRegistry } from '../../auth/site-registry.js';
import { NotFoundError } from '../../errors.js';
import type { AppState } from '../state.js';
import { createRouter } from '../router.js';

/** Browsers and proxies may keep a site's config this long: a console change shows within it. */
export const SITE_CONFIG_MAX_AGE_S = 60;
const siteKeyParam = z.object({ site_key: z.string().regex(/^pk_[\w-]{1,100}$/) });

/** `GET /sites/{site_key}/config`: public, what the widget reads of its site. */
export function siteConfigRoutes(sites: SiteRegistry): Router<AppState> {
  const router = createRouter('/sites');

  router.get('/:site_key/config', async (ctx) => {
    const parsed = siteKeyParam.safeParse(ctx.params);
    // An unknown key, a malformed one and a disabled site answer alike.
    const site = parsed.success ? await sites.findByKey(parsed.data.site_key) : undefined;
    if (!site || site.disabled_at) throw new NotFoundError('Site');
    ctx.set(
      'Cache-Control',
      `public, max-age=${SITE_CONFIG_MAX_AGE_S}, stale-while-revalidate=${SITE_CACHE_MS / 1000}`,
    );
    ctx.body = toPublicSiteConfig(site);
  });

  return router;
}
