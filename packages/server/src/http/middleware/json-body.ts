import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { InvalidRequestError, PayloadTooLargeError, RequestTimeoutError } from '../../errors.js';
import type { AppState } from '../state.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The body, once it has all arrived: at most `limit` bytes, before `deadline` (epoch ms). Over the
 * limit or late, the rest is read and dropped (until the answer closes the connection), so that
 * the 413 or 408 reaches a client that is still sending.
 */
function readBody(request: IncomingMessage, limit: number, deadline: number): Promise<Buffer> {
  if (request.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = Number.isFinite(deadline)
      ? setTimeout(() => fail(new RequestTimeoutError('body')), Math.max(0, deadline - Date.now()))
      : undefined;
    const stopListening = () => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
    };
    function fail(error: Error) {
      stopListening();
      request.resume();
      reject(error);
    }
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size > limit) fail(new PayloadTooLargeError(limit));
      else chunks.push(chunk);
    }
    function onEnd() {
      stopListening();
      resolve(Buffer.concat(chunks));
    }
    function onClose() {
      fail(new InvalidRequestError('The request body ended before it was complete.'));
    }
    request.on('data', onData).on('end', onEnd).on('error', fail).on('close', onClose);
  });
}

/**
 * Parses a JSON body of at most 64 KiB into `ctx.state.body`. Size is checked first, so 413 wins
 * over every other check of the body; a body not in by `ctx.state.bodyDeadline` answers 408.
 */
export function jsonBody(limit = BODY_LIMIT_BYTES): Middleware<AppState> {
  return async (ctx, next) => {
    const declared = Number(ctx.get('Content-Length'));
    if (Number.isFinite(declared) && declared > limit) {
      ctx.req.resume();
      throw new PayloadTooLargeError(limit);
    }
    const deadline = ctx.state.bodyDeadline ?? Infinity;
    const raw = await readBody(ctx.req, limit, deadline).catch((error: unknown) => {
      // The rest of the body stays unread: close the connection after answering, or the next request on it hangs.
      ctx.set('Connection', 'close');
      throw error;
    });
    const text = raw.toString('utf8').trim();
    if (text === '') {
      ctx.state.body = {};
    } else {
      if (!ctx.is('application/json') && ctx.get('Content-Type') !== '') {
        throw new InvalidRequestError('The body must be JSON (Content-Type: application/json).');
      }
      try {
        ctx.state.body = JSON.parse(text) as unknown;
      } catch {
        throw new InvalidRequestError('The body is not valid JSON.');
      }
    }
    await next();
  };
}
