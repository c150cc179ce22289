import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';

/**
 * A `fetch` for the Anthropic SDK over node:http with keep-alive agents. The response body is the
 * Node stream itself (the SDK iterates any async-iterable body), so each streamed chunk skips
 * undici's fetch controller and the web-stream layers: at thousands of concurrent replies those
 * cost more CPU per token than everything else on the way to the client.
 */
export function createNodeFetch(): typeof fetch {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!client) throw new TypeError(`fetch: unsupported protocol ${url.protocol}`);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = await bodyBytes(init.body);
    if (body && !('content-length' in headers)) headers['content-length'] = String(body.length);

    const options = {
      method: init.method ?? 'GET',
      headers,
      agent: agents[url.protocol as 'http:' | 'https:'],
    };
    try {
      return await send(client, url, options, body, signal);
    } catch (error) {
      // A keep-alive socket the upstream closed while it sat idle fails the next request sent on it
      // before anything was read: the request never arrived, so sending it again is safe.
      if (!(error instanceof StaleSocketError)) throw error;
      return send(client, url, options, body, signal);
    }
  }) as typeof fetch;
}

/** Still ECONNRESET to whoever sees it (a second stale socket in a row fails as a network error). */
class StaleSocketError extends Error {
  readonly code = 'ECONNRESET';
}

function send(
  client: typeof http | typeof https,
  url: URL,
  options: http.RequestOptions,
  body: Buffer | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const request = client.request(url, options);
    let response: IncomingMessage | undefined;
    // Aborting fails the body's iteration with an AbortError, as fetch does; the SDK then ends quietly.
    const onAbort = () => {
      const error = abortError(signal!);
      response?.destroy(error);
      request.destroy(error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // `on`, not `once`: an 'error' with no listener throws, and a request may report a second one
    // (msw's interceptor does, when it is destroyed mid-response); only the first one counts.
    request.on('error', (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      const stale = !response && request.reusedSocket && error.code === 'ECONNRESET';
      reject(stale && !signal?.aborted ? new StaleSocketError(error.message) : error);
    });
    request.once('response', (incoming) => {
      response = incoming;
      incoming.once('close', () => signal?.removeEventListener('abort', onAbort));
      try {
        resolve(responseOver(incoming, url.href));
      } catch (error) {
        incoming.destroy();
        reject(error as Error); // a status or header a Response cannot hold
      }
    });
    request.end(body);
  });
}

async function bodyBytes(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(await new Response(body).arrayBuffer());
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

/**
 * A Response whose `body` is the upstream's Node stream, read as it arrives (async-iterable like a
 * web stream: the SDK reads it with `for await`, or cancels it through its iterator's `return`).
 */
function responseOver(stream: IncomingMessage, url: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(stream.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const status = stream.statusCode ?? 502;
  const response = new Response(null, {
    status: status < 200 ? 502 : status,
    statusText: stream.statusMessage ?? '',
    headers,
  });
  const bytes = async (): Promise<Buffer> => {
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  };
  const text = async () => (await bytes()).toString('utf8');
  // One object for the response's life: the SDK registers it to abort the request if it is dropped.
  const body = {
    [Symbol.asyncIterator]: () => {
      const chunks = stream[Symbol.asyncIterator]();
      return {
        next: () => chunks.next(),
        // Cancelling a body never read (the SDK does, before retrying) must free the socket too.
        return: async () => {
          stream.destroy();
          return (await chunks.return?.()) ?? { done: true as const, value: undefined };
        },
      };
    },
  };
  return Object.defineProperties(response, {
    url: { value: url },
    body: { value: body },
    bodyUsed: { get: () => stream.readableDidRead },
    text: { value: text },
    json: { value: async () => JSON.parse(await text()) as unknown },
    arrayBuffer: { value: async () => new Uint8Array(await bytes()).buffer },
  });
}
