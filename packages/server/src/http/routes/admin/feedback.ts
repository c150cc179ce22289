import { Readable } from 'node:stream';
import type Router from '@koa/router';
import { z } from 'zod';
import { FeedbackBrowser, type FeedbackFilters } from '../../../admin/feedback-browser.js';
import type { Database } from '../../../db/connect.js';
import { NotFoundError } from '../../../errors.js';
import type { Logger } from '../../../observability/logger.js';
import { contentDisposition } from '../../content-disposition.js';
import { dateTimeParam } from '../../schemas.js';
import type { AppState } from '../../state.js';
import { limitParam, parseInput, uuid } from '../../validation.js';
import { createRouter } from '../../router.js';

const once = { message: 'must be given once' };
const filterQuery = {
  rating: z.enum(['up', 'down'], { message: 'must be "up" or "down"' }).optional(),
  tag: z.string(once).min(1).max(40, 'must be at most 40 characters').optional(),
  mode: z.string(once).min(1).max(64, 'must be at most 64 characters').optional(),
  site_id: uuid.optional(),
  persona_id: uuid.optional(),
  variant_id: uuid.optional(),
  from: dateTimeParam,
  to: dateTimeParam,
};
const listQuery = z.object({
  ...filterQuery,
  limit: limitParam(50),
  cursor: z.string(once).min(1).max(200).optional(),
});
const exportQuery = z.object(filterQuery);
const messageParam = z.object({ message_id: uuid });

function filtersOf(query: z.output<typeof exportQuery>): FeedbackFilters {
  return {
    rating: query.rating,
    tag: query.tag,
    mode: query.mode,
    siteId: query.site_id,
    personaId: query.persona_id,
    variantId: query.variant_id,
    from: query.from,
    to: query.to,
  };
}

/** `/admin/feedback`: rated replies, one conversation, and the JSONL set for evaluation. */
export function adminFeedbackRoutes(db: Database, logger: Logger): Router<AppState> {
  const router = createRouter('/feedback');
  const feedback = new FeedbackBrowser(db);

  router.get('/', async (ctx) => {
    const query = parseInput(listQuery, ctx.query, 'query');
    ctx.body = await feedback.page(filtersOf(query), query.limit, query.cursor);
  });

  router.get('/export', async (ctx) => {
    const query = parseInput(exportQuery, ctx.query, 'query');
    const lines = feedback.exportLines(filtersOf(query));
    // The first batch is read before answering, so that a database failure is a clean 500.
    const first = await lines.next();
    async function* rest() {
      if (!first.done) yield first.value;
      yield* lines;
    }
    const stream = Readable.from(rest());
    stream.on('error', (error) => logger.error({ err: error }, 'feedback export failed midway'));
    const day = new Date().toISOString().slice(0, 10);
    ctx.type = 'application/x-ndjson; charset=utf-8';
    ctx.set(
      'Content-Disposition',
      contentDisposition('attachment', `repruv-feedback-${day}.jsonl`),
    );
    ctx.set('Cache-Control', 'no-store');
    ctx.body = stream;
  });

  router.get('/:message_id/conversation', async (ctx) => {
    const { message_id: messageId } = parseInput(messageParam, ctx.params, 'path');
    const messages = await feedback.conversation(messageId);
    if (!messages) throw new NotFoundError('Rated reply');
    ctx.body = { data: messages };
  });

  return router;
}
