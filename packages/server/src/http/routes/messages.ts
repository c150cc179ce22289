import type Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import { z } from 'zod';
import { toMessageDto } from '../../chat/dto.js';
import { InvalidRequestError, RateLimitedError } from '../../errors.js';
import type { MessageService } from '../../chat/message-service.js';
import type { SentPair } from '../../chat/send/types.js';
import type { StreamSlot, StreamSlots } from '../../limits/stream-slots.js';
import type { Metrics } from '../../observability/metrics.js';
import { jsonBody } from '../middleware/json-body.js';
import { messageListQuery, regenerateBody, sendMessageBody } from '../schemas.js';
import { createdFrame, streamReply } from '../sse.js';
import type { AppState } from '../state.js';
import { parseInput, uuid } from '../validation.js';
import { createRouter } from '../router.js';

export interface MessageRouteOptions {
  maxContentChars: number;
  heartbeatMs: number;
  rateLimit: Middleware<AppState>;
  /** Live streams per user (STREAMS_PER_USER): each open SSE reply, and each send awaiting its reply. */
  streamSlots: StreamSlots;
}

/** Streams end at their reply's pace, not on a clock: a short wait, then try again. */
const STREAM_SLOT_RETRY_AFTER_S = 2;

const streamQuery = z.object({ stream: z.enum(['true', 'false', '1', '0']).optional() });
const sessionIdParam = z.object({ session_id: uuid });
// Named as in SPEC and docs/openapi.yaml: /chat/messages/{message_id}/stop and /stream.
const messageIdParam = z.object({ message_id: uuid });
const lastEventId = z
  .string()
  .regex(/^\d+(:end)?$/, 'must be an event id this server sent')
  .transform((id) => Number.parseInt(id, 10));

/**
 * Runs `use` holding a slot for one more live stream of this user, or answers 429 before anything
 * is stored or subscribed. `use` says whether it handed the slot to a stream (which gives it back
 * when it closes); otherwise, or when it fails, the slot goes back at once.
 */
async function withStreamSlot(
  slots: StreamSlots,
  userId: string,
  use: (slot: StreamSlot) => Promise<'handed to a stream' | 'done'>,
): Promise<void> {
  const slot = await slots.tryAcquire(userId);
  if (!slot) {
    throw new RateLimitedError(
      STREAM_SLOT_RETRY_AFTER_S,
      `Too many live replies for this user (at most ${slots.perUser} at once, re-attaches included); close one and retry.`,
    );
  }
  let handedOver = false;
  try {
    handedOver = (await use(slot)) === 'handed to a stream';
  } finally {
    if (!handedOver) slot.release();
  }
}

function wantsStream(ctx: ParameterizedContext<AppState>): boolean {
  const { stream } = parseInput(streamQuery, ctx.query, 'query');
  if (stream !== undefined) return stream === 'true' || stream === '1';
  return (ctx.get('Accept') ?? '').includes('text/event-stream');
}

export function messageRoutes(
  messages: MessageService,
  metrics: Metrics,
  options: MessageRouteOptions,
): Router<AppState> {
  const router = createRouter('/chat/messages');
  const sendBody = sendMessageBody(options.maxContentChars);
  /** The stream gives its slot back when it closes. */
  const sseOptions = (slot: StreamSlot) => ({
    heartbeatMs: options.heartbeatMs,
    onOpen: () => metrics.liveStreams.inc(),
    onClose: () => {
      metrics.liveStreams.dec();
      slot.release();
    },
  });

  /** A new reply's answer: its events from `message.created` on, or, once it ends, 201 and both. */
  const respondWithPair = async (
    ctx: ParameterizedContext<AppState>,
    pair: SentPair,
    stream: boolean,
    slot: StreamSlot,
  ): Promise<'handed to a stream' | 'done'> => {
    if (stream) {
      const feed = messages.feedFor(pair.assistantMessage, 0);
      const created = createdFrame(
        toMessageDto(pair.userMessage),
        toMessageDto(pair.assistantMessage),
      );
      streamReply(ctx, created, feed, 0, sseOptions(slot));
      return 'handed to a stream';
    }
    const finished = await messages.awaitReply(pair);
    ctx.status = 201;
    ctx.body = {
      user_message: toMessageDto(finished.userMessage),
      assistant_message: toMessageDto(finished.assistantMessage),
    };
    return 'done';
  };

  router.post('/', options.rateLimit, jsonBody(), async (ctx) => {
    const stream = wantsStream(ctx);
    const body = parseInput(sendBody, ctx.state.body, 'body');
    await withStreamSlot(options.streamSlots, ctx.state.userId, async (slot) => {
      const pair = await messages.send({
        userId: ctx.state.userId,
        siteId: ctx.state.siteId,
        sessionId: body.session_id,
        content: body.content,
        attachmentIds: body.attachment_ids,
        clientMessageId: body.client_message_id,
        parentId: body.parent_id,
      });
      return respondWithPair(ctx, pair, stream, slot);
    });
  });

  router.post('/:message_id/regenerate', options.rateLimit, jsonBody(), async (ctx) => {
    const { message_id: id } = parseInput(messageIdParam, ctx.params, 'path');
    const stream = wantsStream(ctx);
    const body = parseInput(regenerateBody, ctx.state.body, 'body');
    await withStreamSlot(options.streamSlots, ctx.state.userId, async (slot) => {
      const pair = await messages.regenerate({
        userId: ctx.state.userId,
        siteId: ctx.state.siteId,
        messageId: id,
        clientMessageId: body.client_message_id,
      });
      return respondWithPair(ctx, pair, stream, slot);
    });
  });

  router.get('/:session_id', async (ctx) => {
    const { session_id: sessionId } = parseInput(sessionIdParam, ctx.params, 'path');
    const query = parseInput(messageListQuery, ctx.query, 'query');
    ctx.body = await messages.list(ctx.state.userId, sessionId, query);
  });

  router.post('/:message_id/stop', async (ctx) => {
    const { message_id: id } = parseInput(messageIdParam, ctx.params, 'path');
    ctx.body = await messages.stop(ctx.state.userId, id);
  });

  router.get('/:message_id/stream', async (ctx) => {
    const { message_id: id } = parseInput(messageIdParam, ctx.params, 'path');
    const resumeHeader = ctx.get('Last-Event-ID');
    const fromOffset =
      resumeHeader === ''
        ? undefined
        : parseInput(lastEventId, resumeHeader, 'Last-Event-ID header');
    // The slot first: a user over the cap is refused before any read, so a re-attach storm costs
    // the database nothing (a refused or failed re-attach gives its slot back at once).
    await withStreamSlot(options.streamSlots, ctx.state.userId, async (slot) => {
      const message = await messages.findOwnReply(ctx.state.userId, id);
      if (
        fromOffset !== undefined &&
        fromOffset > message.content.length &&
        message.status !== 'streaming'
      ) {
        throw new InvalidRequestError('Last-Event-ID is beyond the end of this reply.', {
          field: 'Last-Event-ID',
        });
      }
      let created: string | undefined;
      if (fromOffset === undefined) {
        const userMessage = await messages.promptOf(message);
        created = createdFrame(
          userMessage ? toMessageDto(userMessage) : null,
          toMessageDto(message),
        );
      }
      // Subscribed only once nothing can fail before the stream takes the feed (and closes it).
      const feed = messages.feedFor(message, fromOffset ?? 0);
      streamReply(ctx, created, feed, fromOffset ?? 0, sseOptions(slot));
      return 'handed to a stream';
    });
  });

  return router;
}
