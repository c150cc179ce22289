import type Router from '@koa/router';
import { z } from 'zod';
import type { MessageService } from '../../chat/message-service.js';
import { jsonBody } from '../middleware/json-body.js';
import { feedbackBody } from '../schemas.js';
import type { AppState } from '../state.js';
import { parseInput, uuid } from '../validation.js';
import { createRouter } from '../router.js';

const messageIdParam = z.object({ message_id: uuid });

/** PUT and DELETE /chat/messages/{message_id}/feedback (SPEC "Feedback on replies"). */
export function feedbackRoutes(messages: MessageService): Router<AppState> {
  const router = createRouter('/chat/messages');

  router.put('/:message_id/feedback', jsonBody(), async (ctx) => {
    const { message_id: messageId } = parseInput(messageIdParam, ctx.params, 'path');
    const body = parseInput(feedbackBody, ctx.state.body, 'body');
    ctx.body = await messages.setFeedback({
      userId: ctx.state.userId,
      siteId: ctx.state.siteId,
      messageId,
      rating: body.rating,
      comment: body.comment,
      tags: body.tags,
    });
  });

  router.delete('/:message_id/feedback', async (ctx) => {
    const { message_id: messageId } = parseInput(messageIdParam, ctx.params, 'path');
    await messages.clearFeedback(ctx.state.userId, messageId);
    ctx.status = 204;
  });

  return router;
}
