import type Router from '@koa/router';
import { z } from 'zod';
import type { Database } from '../../../db/connect.js';
import type { PersonaCatalog } from '../../../personas/persona-catalog.js';
import { PersonaStore, type PersonaScope } from '../../../personas/persona-store.js';
import { jsonBody } from '../../middleware/json-body.js';
import type { AppState } from '../../state.js';
import { parseInput, uuid } from '../../validation.js';
import { createRouter } from '../../router.js';
import {
  createPersonaBody,
  personaChanges,
  personaListQuery,
  updatePersonaBody,
} from './persona-schemas.js';

const personaIdParam = z.object({ id: uuid });

function scopeOf(siteId: string | undefined): PersonaScope {
  if (siteId === undefined) return { kind: 'all' };
  return siteId === 'global' ? { kind: 'global' } : { kind: 'site', siteId };
}

/** `/admin/personas`: list (all, global, one site's), create, read, change, remove. */
export function adminPersonaRoutes(db: Database, catalog: PersonaCatalog): Router<AppState> {
  const router = createRouter('/personas');
  const personas = new PersonaStore(db, catalog);

  router.get('/', async (ctx) => {
    const query = parseInput(personaListQuery, ctx.query, 'query');
    ctx.body = { data: await personas.list(scopeOf(query.site_id)) };
  });

  router.post('/', jsonBody(), async (ctx) => {
    const body = parseInput(createPersonaBody, ctx.state.body, 'body');
    ctx.status = 201;
    ctx.body = await personas.create({ ...body, site_id: body.site_id ?? null });
  });

  router.get('/:id', async (ctx) => {
    const { id } = parseInput(personaIdParam, ctx.params, 'path');
    ctx.body = await personas.get(id);
  });

  router.patch('/:id', jsonBody(), async (ctx) => {
    const { id } = parseInput(personaIdParam, ctx.params, 'path');
    const body = parseInput(updatePersonaBody, ctx.state.body, 'body');
    ctx.body = await personas.update(id, personaChanges(body));
  });

  router.delete('/:id', async (ctx) => {
    const { id } = parseInput(personaIdParam, ctx.params, 'path');
    await personas.remove(id);
    ctx.status = 204;
  });

  return router;
}
