import type Router from '@koa/router';
import { z } from 'zod';
import { toAdminSite } from '../../../admin/site-dto.js';
import type { SiteRegistry } from '../../../auth/site-registry.js';
import { NotFoundError } from '../../../errors.js';
import type { PersonaCatalog } from '../../../personas/persona-catalog.js';
import { jsonBody } from '../../middleware/json-body.js';
import type { AppState } from '../../state.js';
import { parseInput, uuid } from '../../validation.js';
import { createSiteBody, siteChanges, updateSiteBody } from './site-schemas.js';
import { createRouter } from '../../router.js';

const siteIdParam = z.object({ id: uuid });

/** `/admin/sites`: list, create, read, change (disable included) and rotate a site's secret. */
export function adminSiteRoutes(sites: SiteRegistry, personas: PersonaCatalog): Router<AppState> {
  const router = createRouter('/sites');

  router.get('/', async (ctx) => {
    ctx.body = { data: (await sites.list()).map(toAdminSite) };
  });

  router.post('/', jsonBody(), async (ctx) => {
    const body = parseInput(createSiteBody, ctx.state.body, 'body');
    if (body.default_mode) personas.requireMode(undefined, body.default_mode, 'default_mode');
    const { name, origins, ...changes } = siteChanges(body);
    const site = await sites.add(name!, origins!, changes);
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { ...toAdminSite(site), identity_secret: site.identity_secret };
  });

  router.get('/:id', async (ctx) => {
    const { id } = parseInput(siteIdParam, ctx.params, 'path');
    const site = await sites.findFreshById(id);
    if (!site) throw new NotFoundError('Site');
    ctx.body = toAdminSite(site);
  });

  router.patch('/:id', jsonBody(), async (ctx) => {
    const { id } = parseInput(siteIdParam, ctx.params, 'path');
    const body = parseInput(updateSiteBody, ctx.state.body, 'body');
    if (body.default_mode) personas.requireMode(id, body.default_mode, 'default_mode');
    const site = await sites.updateById(id, siteChanges(body));
    if (!site) throw new NotFoundError('Site');
    ctx.body = toAdminSite(site);
  });

  router.post('/:id/rotate-secret', async (ctx) => {
    const { id } = parseInput(siteIdParam, ctx.params, 'path');
    const secret = await sites.rotateSecretById(id);
    if (!secret) throw new NotFoundError('Site');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { identity_secret: secret };
  });

  return router;
}
