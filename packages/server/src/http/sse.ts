import type { ParameterizedContext } from 'koa';
import type { MessageDto } from '../chat/dto.js';
import { isTerminal, type ReplyEvent } from '../chat/reply/events.js';
import type { ReplyFeed } from '../chat/reply/feed.js';
import type { AppState } from './state.js';

export interface SseOptions {
  heartbeatMs: number;
  onOpen(): void;
  onClose(): void;
}

/** One SSE frame. `data` is JSON on a single line, so it never needs splitting. */
export function sseFrame(event: string, id: string, data: unknown): string {
  return `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function replyEventFrame(event: ReplyEvent, offset: number): string {
  switch (event.type) {
    case 'delta':
      return sseFrame('message.delta', String(event.offset), {
        message_id: event.messageId,
        text: event.text,
      });
    case 'completed':
      return sseFrame('message.completed', `${offset}:end`, { message: event.message });
    case 'error':
      return sseFrame('error', `${offset}:end`, { error: event.error, message: event.message });
  }
}

export function createdFrame(userMessage: MessageDto | null, assistantMessage: MessageDto): string {
  return sseFrame('message.created', '0', {
    user_message: userMessage,
    assistant_message: assistantMessage,
  });
}

/**
 * Streams a reply as the response body, written frame by frame straight to the response (no stream
 * layer in between: at thousands of live replies that costs more per token than the frame itself).
 * Each frame goes out as it comes while the client keeps up; while it does not, the feed holds (and
 * merges) the text until the socket drains. When the client leaves (the response's `close`), the
 * feed is closed.
 */
export function streamReply(
  ctx: ParameterizedContext<AppState>,
  firstFrame: string | undefined,
  feed: ReplyFeed,
  startOffset: number,
  options: SseOptions,
): void {
  const response = ctx.res;
  ctx.status = 200;
  ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
  ctx.set('Cache-Control', 'no-cache, no-transform');
  ctx.set('Connection', 'keep-alive');
  ctx.set('X-Accel-Buffering', 'no');
  ctx.respond = false; // every header above and from earlier middleware is set; the body is ours
  ctx.req.socket.setNoDelay(true);
  options.onOpen();

  let open = true;
  const heartbeat = setInterval(() => {
    if (open) response.write(': ping\n\n');
  }, options.heartbeatMs);
  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    feed.close();
    options.onClose();
  };
  response.once('close', finish);
  if (response.destroyed) {
    finish(); // the client left while the send was being stored: 'close' has been and gone
    return;
  }

  if (firstFrame) response.write(firstFrame);
  else response.flushHeaders(); // a re-attach may wait for the next token: confirm it now
  let offset = startOffset;
  response.on('drain', () => feed.resume());
  feed.drainTo((event) => {
    if (!open) return false;
    if (event.type === 'delta') offset = event.offset;
    else if (event.message) offset = event.message.content.length;
    const writable = response.write(replyEventFrame(event, offset));
    if (isTerminal(event)) {
      finish();
      response.end();
    }
    return writable;
  });
}
