import { randomUUID } from 'node:crypto';
import type { Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { RequestTimeoutError } from '../errors.js';

export interface RequestTimeouts {
  /** From a request's first byte (or the connection's start) to the end of its headers; 0: off. */
  headersMs: number;
  /** From the end of the headers to the end of the body; 0: off. json-body.ts enforces it. */
  bodyMs: number;
  /** The same for an upload (ATTACHMENTS_UPLOAD_TIMEOUT_S), which upload-intake.ts enforces. */
  uploadMs?: number;
}

/** Time for the JSON body's own timer (json-body.ts) to answer before Node's backstop cuts the request. */
const BACKSTOP_MARGIN_MS = 2_000;

/**
 * Node's own checks, for `createServer`: `headersTimeout` for the headers, and `requestTimeout` as
 * a backstop for a body nobody reads. Neither touches a response once the request is in, so a
 * long SSE reply is never cut. Node checks every `connectionsCheckingInterval` (30 s by default),
 * far too coarse for a 10 s limit.
 */
export function requestTimeoutOptions(timeouts: RequestTimeouts): ServerOptions {
  const { headersMs, bodyMs } = timeouts;
  const shortest = Math.min(...[headersMs, bodyMs].filter((ms) => ms > 0));
  // One backstop for every request, so it must let the longest body allowed arrive: an upload's.
  const longestBody = Math.max(bodyMs, timeouts.uploadMs ?? 0);
  return {
    headersTimeout: headersMs,
    requestTimeout: headersMs > 0 && bodyMs > 0 ? headersMs + longestBody + BACKSTOP_MARGIN_MS : 0,
    ...(Number.isFinite(shortest)
      ? { connectionsCheckingInterval: Math.max(50, Math.min(1_000, shortest / 4)) }
      : {}),
  };
}

// Node's answers to the other client errors, as its default handler writes them.
const BARE_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
};

/**
 * Answers Node's request timeouts with the API's JSON `408 request_timeout` instead of its bare
 * 408, and every other client error as Node does. Only when nothing of a response went out yet.
 */
export function answerTimeoutsAsJson(server: Server): void {
  const responses = new WeakMap<Socket, ServerResponse>();
  server.on('request', (request, response: ServerResponse) => {
    responses.set(request.socket, response);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const response = responses.get(socket);
    const answering = response && response.headersSent && !response.writableFinished;
    if (socket.writable && !answering) {
      socket.write(
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? jsonTimeout(response && !response.req.complete ? 'body' : 'headers')
          : `HTTP/1.1 ${BARE_ANSWERS[error.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`,
      );
    }
    socket.destroy();
  });
}

function jsonTimeout(what: 'headers' | 'body'): string {
  const requestId = randomUUID();
  const error = new RequestTimeoutError(what);
  const body = JSON.stringify({
    error: { code: error.code, message: error.message },
    request_id: requestId,
  });
  return [
    'HTTP/1.1 408 Request Timeout',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: no-referrer',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
