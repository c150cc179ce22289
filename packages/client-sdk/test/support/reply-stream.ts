import { HttpResponse } from 'msw';
import type { Message } from '../../src/types.js';
import { EventStreamBody } from './event-stream.js';
import type { LiveReply, ReplyEvent } from './live-reply.js';

export interface ReplyStreamOptions {
  /** The request's signal: aborting it breaks the body, as fetch does. */
  signal: AbortSignal;
  headers: Record<string, string>;
  /** Resume after this event; from `message.created` when absent. */
  lastEventId: string | undefined;
  userMessage: Message | undefined;
  /** Cut the connection after this many deltas (-1: before any event, 0: after created). */
  cutAfter: number | undefined;
  bytesPerWrite: number;
  eol: string;
  /** Replay this many characters before Last-Event-ID (an overlapping replay). */
  resumeOverlap: number;
  /** Where the stream registers how to cut it, so closing the fake API ends it. */
  open: Set<() => void>;
}

/** The SSE side of a reply: replay from Last-Event-ID (or from `message.created`), then follow it live. */
export function replyStream(reply: LiveReply, options: ReplyStreamOptions): Response {
  const { cutAfter, eol } = options;
  const gone = () => {
    reply.listeners.delete(listener);
    options.open.delete(cut);
  };
  const body = new EventStreamBody(options.signal, gone);
  const cut = () => {
    gone();
    body.cut();
  };
  options.open.add(cut);
  let deltas = 0;
  const send = (event: string, id: string, data: unknown) => {
    const lines = [`id: ${id}`, `event: ${event}`, `data: ${JSON.stringify(data)}`, '', ''];
    body.write(lines.join(eol), options.bytesPerWrite);
  };
  const delta = (text: string) => {
    send('message.delta', String(reply.message.content.length), {
      message_id: reply.message.id,
      text,
    });
    if (++deltas !== cutAfter) return false;
    cut();
    return true;
  };
  const end = () => {
    const id = `${reply.message.content.length}:end`;
    if (reply.error)
      send('error', id, { error: { ...reply.error, retryable: false }, message: reply.message });
    else send('message.completed', id, { message: reply.message });
    gone();
    body.end();
  };
  const listener = (event: ReplyEvent) => (event.kind === 'end' ? end() : void delta(event.text));
  const response = new HttpResponse(body.stream, {
    headers: {
      ...options.headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });

  body.write(`: ping${eol}${eol}`);
  if (cutAfter === -1) return (cut(), response);
  let from = 0;
  if (options.lastEventId === undefined) {
    send('message.created', '0', {
      user_message: options.userMessage,
      assistant_message: { ...reply.message, content: '', status: 'streaming' },
    });
    if (cutAfter === 0) return (cut(), response);
  } else {
    from = Math.max(0, parseInt(options.lastEventId, 10) - options.resumeOverlap);
  }
  const missed = reply.message.content.slice(from);
  if (missed && delta(missed)) return response;
  if (reply.done) return (end(), response);
  if (body.open) reply.listeners.add(listener);
  return response;
}
