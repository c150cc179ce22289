import type { Middleware } from 'koa';
import { InvalidRequestError, PayloadTooLargeError } from '../../errors.js';
import type { AppState } from '../state.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

async function readLimited(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body of at most 64 KiB into `ctx.state.body`. Size is checked first, so 413 wins
 * over every other check of the body.
 */
export function jsonBody(limit = BODY_LIMIT_BYTES): Middleware<AppState> {
  return async (ctx, next) => {
    const declared = Number(ctx.get('Content-Length'));
    if (Number.isFinite(declared) && declared > limit) {
      ctx.req.resume();
      throw new PayloadTooLargeError(limit);
    }
    const raw = await readLimited(ctx.req, limit).catch((error: unknown) => {
      // The rest of the body stays unread: close the connection after answering, or the next request on it hangs.
      if (error instanceof PayloadTooLargeError) ctx.set('Connection', 'close');
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
