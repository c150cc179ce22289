import type Router from '@koa/router';
import { z } from 'zod';
import type { Database } from '../../../db/connect.js';
import { experimentResults } from '../../../personas/experiment-results.js';
import { ExperimentStore } from '../../../personas/experiment-store.js';
import type { PersonaCatalog } from '../../../personas/persona-catalog.js';
import { jsonBody } from '../../middleware/json-body.js';
import type { AppState } from '../../state.js';
import { parseInput, uuid } from '../../validation.js';
import { createRouter } from '../../router.js';
import { createExperimentBody, experimentListQuery, promoteBody } from './persona-schemas.js';

const experimentIdParam = z.object({ id: uuid });

/** `/admin/experiments`: list, start (create), read, results, stop, promote a variant. */
export function adminExperimentRoutes(db: Database, catalog: PersonaCatalog): Router<AppState> {
  const router = createRouter('/experiments');
  const experiments = new ExperimentStore(db, catalog);

  router.get('/', async (ctx) => {
    const query = parseInput(experimentListQuery, ctx.query, 'query');
    ctx.body = {
      data: await experiments.list({ personaId: query.persona_id, status: query.status }),
    };
  });

  router.post('/', jsonBody(), async (ctx) => {
    const body = parseInput(createExperimentBody, ctx.state.body, 'body');
    ctx.status = 201;
    ctx.body = await experiments.create(body);
  });

  router.get('/:id', async (ctx) => {
    const { id } = parseInput(experimentIdParam, ctx.params, 'path');
    ctx.body = await experiments.get(id);
  });

  router.get('/:id/results', async (ctx) => {
    const { id } = parseInput(experimentIdParam, ctx.params, 'path');
    ctx.body = await experimentResults(db, experiments, id);
  });

  router.post('/:id/stop', async (ctx) => {
    const { id } = parseInput(experimentIdParam, ctx.params, 'path');
    ctx.body = await experiments.stop(id);
  });

  router.post('/:id/promote', jsonBody(), async (ctx) => {
    const { id } = parseInput(experimentIdParam, ctx.params, 'path');
    const { variant_id: variantId } = parseInput(promoteBody, ctx.state.body, 'body');
    ctx.body = await experiments.promote(id, variantId);
  });

  return router;
}
