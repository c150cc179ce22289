/**
 * A real `node:http` server for the attachment tests: it keeps every request with its raw body
 * and answers each from a queue of scripted answers (a default one when the queue is empty), so
 * the SDK's multipart bodies, retries and downloads go over a socket as they do in production.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';

export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/chat/attachments/x?variant=thumbnail`. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a Buffer. */
  body?: unknown;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Destroy the connection once the request is read, without an answer. */
  cut?: boolean;
}

export interface UploadServer {
  /** `http://127.0.0.1:<port>`, the SDK's `baseUrl`. */
  url: string;
  readonly requests: ReceivedRequest[];
  /** Answers for the next requests, in order. */
  readonly answers: ScriptedAnswer[];
  /** Answers a request when `answers` is empty. */
  fallback: (request: ReceivedRequest) => ScriptedAnswer;
}

/** The JSON error body of the API. */
export function errorAnswer(
  status: number,
  code: string,
  extra: { headers?: Record<string, string>; details?: unknown } = {},
): ScriptedAnswer {
  return {
    status,
    headers: { 'X-Request-Id': `req-${code}`, ...extra.headers },
    body: {
      error: { code, message: `${code} happened`, details: extra.details },
      request_id: `req-${code}`,
    },
  };
}

/** A fresh server for every test of the file, listening from beforeEach, closed in afterEach. */
export function useUploadServer(fallback: UploadServer['fallback']): UploadServer {
  const state: UploadServer = { url: '', requests: [], answers: [], fallback };
  let server: Server | undefined;
  beforeEach(async () => {
    state.requests.length = 0;
    state.answers.length = 0;
    state.fallback = fallback;
    // A client that goes away mid-body (an aborted upload) fails reading the request: nothing is
    // left to answer, and the rejection must not go unhandled (vitest fails the run for it).
    server = createServer((req, res) => void answer(state, req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return state;
}

async function answer(state: UploadServer, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = {
    method: req.method!,
    url: req.url!,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
  state.requests.push(request);
  const scripted = state.answers.shift() ?? state.fallback(request);
  if (scripted.hang) return;
  if (scripted.cut) return void req.socket.destroy();
  const body = Buffer.isBuffer(scripted.body)
    ? scripted.body
    : Buffer.from(scripted.body === undefined ? '' : JSON.stringify(scripted.body));
  res.writeHead(scripted.status, {
    ...(!Buffer.isBuffer(scripted.body) && { 'Content-Type': 'application/json' }),
    ...scripted.headers,
  });
  res.end(body);
}

/** The multipart parts of a request body, in order, read by the platform's own parser. */
export async function multipartParts(
  request: ReceivedRequest,
): Promise<[field: string, value: FormDataEntryValue][]> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { 'content-type': request.headers['content-type'] ?? '' },
  }).formData();
  const parts: [string, FormDataEntryValue][] = [];
  form.forEach((value, field) => parts.push([field, value]));
  return parts;
}
