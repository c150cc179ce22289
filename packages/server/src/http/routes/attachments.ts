import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AttachmentService } from '../../attachments/attachment-service.js';
import { toAttachmentDto } from '../../attachments/attachment-records.js';
import { contentDisposition } from '../content-disposition.js';
import type { AppState } from '../state.js';
import { parseInput, uuid } from '../validation.js';
import { createRouter } from '../router.js';

const attachmentIdParam = z.object({ attachment_id: uuid });
const readQuery = z.object({
  variant: z
    .enum(['original', 'thumbnail'], { message: 'must be "original" or "thumbnail"' })
    .optional(),
});

/** An attachment never changes once stored. */
const CACHE_SECONDS = 86_400;

/** POST /chat/attachments and GET /chat/attachments/{attachment_id} (SPEC "Attachments"). */
export function attachmentRoutes(
  attachments: AttachmentService,
  options: { rateLimit: Middleware<AppState> },
): Router<AppState> {
  const router = createRouter('/chat/attachments');

  router.post('/', options.rateLimit, async (ctx) => {
    // The body streams into the upload (no JSON body here): answered early, the rest is dropped.
    try {
      const asGuest = ctx.state.siteId !== undefined;
      const row = await attachments.upload(ctx.state.userId, ctx.req, asGuest);
      ctx.status = 201;
      ctx.body = toAttachmentDto(row);
    } catch (error) {
      if (!ctx.req.complete) ctx.set('Connection', 'close');
      throw error;
    }
  });

  router.get('/:attachment_id', async (ctx) => {
    const { attachment_id: id } = parseInput(attachmentIdParam, ctx.params, 'path');
    const { variant = 'original' } = parseInput(readQuery, ctx.query, 'query');
    const found = await attachments.read(ctx.state.userId, id, variant);
    const inline = found.row.kind === 'image';
    ctx.set('Content-Security-Policy', 'sandbox');
    ctx.set('Cache-Control', `private, max-age=${CACHE_SECONDS}, immutable`);
    ctx.set(
      'Content-Disposition',
      contentDisposition(inline ? 'inline' : 'attachment', found.row.name),
    );
    ctx.type = found.mediaType;
    ctx.body = found.bytes;
  });

  return router;
}
