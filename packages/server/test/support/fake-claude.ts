/**
 * A local stand-in for Anthropic's Messages API (`POST /v1/messages`), speaking its real
 * wire format: the SSE event sequence of a streamed message and the JSON error bodies.
 * Tests point `CLAUDE_BASE_URL` (or the SDK's `baseURL`) at `fake.url` and script each
 * reply: text, an HTTP error, an error mid-stream, a dropped connection, or a stall.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** `inputTokens` is what `message_start` reports (default: an estimate from the request). */
export type FakeReply =
  | {
      kind: 'text';
      chunks?: string[];
      chunkDelayMs?: number;
      inputTokens?: number;
      /** What `message_delta` reports; default one token a chunk. */
      outputTokens?: number;
      stopReason?: string;
    }
  | { kind: 'http-error'; status: number; errorType: string; message?: string; retryAfter?: number }
  | { kind: 'mid-stream-error'; chunks: string[]; errorType?: string; inputTokens?: number }
  | { kind: 'drop'; chunks: string[]; inputTokens?: number }
  | { kind: 'stall'; chunks: string[]; inputTokens?: number };

export interface RecordedRequest {
  headers: Record<string, string | string[] | undefined>;
  // The Messages request body as the client sent it; tests inspect it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** performance.now() when its headers arrived (before the body was read). */
  receivedAt: number;
}

export interface FakeClaude {
  url: string;
  requests: RecordedRequest[];
  /** Model ids asked for through `GET /v1/models/{id}`, in order. */
  modelLookups: string[];
  /** The models it knows (`undefined`: every model); others answer 404 `not_found_error`. */
  setKnownModels(models: string[] | undefined): void;
  /** Answers `GET /v1/models/{id}` with this error status (a 5xx: an outage), or normally again. */
  failModelLookups(status: number | undefined): void;
  enqueue(...replies: FakeReply[]): void;
  setDefault(reply: FakeReply | ((req: RecordedRequest) => FakeReply)): void;
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeClaudeOptions {
  port?: number;
  /** Sets the delay between text chunks when a reply gives no `chunkDelayMs`. */
  tokensPerSecond?: number;
  /**
   * Paced replies send their first text chunk at once, the rest at the pace (as Claude does once
   * it starts answering): what a server adds before its first token is then not hidden by a wait.
   */
  instantFirstChunk?: boolean;
  /** The models it knows; default: every model. */
  knownModels?: string[];
}

type ReplyPicker = (req: RecordedRequest) => FakeReply;

const ERROR_MESSAGES: Record<string, string> = {
  overloaded_error: 'Overloaded',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  not_found_error: 'Not found',
};

export const echoReply: ReplyPicker = (req) => ({
  kind: 'text',
  chunks: ['You said: ', lastUserText(req.body)],
  chunkDelayMs: 0,
});

export async function startFakeClaude(options: FakeClaudeOptions = {}): Promise<FakeClaude> {
  const defaultDelayMs = options.tokensPerSecond ? 1000 / options.tokensPerSecond : 0;
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const sockets = new Set<Socket>();
  const openResponses = new Set<ServerResponse>();
  const requestWaiters = new Set<() => void>();
  let pickDefault: ReplyPicker = echoReply;
  let sequence = 0;
  let knownModels = options.knownModels ? new Set(options.knownModels) : undefined;
  let modelLookupFailure: number | undefined;
  const modelLookups: string[] = [];
  const isKnown = (model: string) => !knownModels || knownModels.has(model);

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const raw = await readBody(req);
    const requestId = `req_fake_${String(++sequence).padStart(6, '0')}`;
    const path = (req.url ?? '').split('?')[0]!;
    const modelLookup = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && modelLookup) {
      lookUpModel(res, requestId, decodeURIComponent(modelLookup[1]!));
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/messages') {
      sendError(res, requestId, { kind: 'http-error', status: 404, errorType: 'not_found_error' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      sendError(res, requestId, {
        kind: 'http-error',
        status: 400,
        errorType: 'invalid_request_error',
        message: 'The request body is not valid JSON.',
      });
      return;
    }
    const recorded: RecordedRequest = { headers: { ...req.headers }, body, receivedAt };
    requests.push(recorded);
    for (const wake of requestWaiters) wake();

    const message = { id: `msg_fake_${sequence}`, model: modelOf(body) };
    if (!isKnown(message.model)) {
      sendError(res, requestId, unknownModel(message.model));
      return;
    }
    const reply = queue.shift() ?? pickDefault(recorded);
    if (reply.kind === 'http-error') {
      sendError(res, requestId, reply);
      return;
    }
    if (!isStreaming(body)) {
      sendWholeMessage(res, requestId, message, reply, body);
      return;
    }
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    await streamReply(res, requestId, message, reply, body);
  }

  /** The Models API's `GET /v1/models/{id}`: the ModelInfo, or 404 as for a model it never had. */
  function lookUpModel(res: ServerResponse, requestId: string, model: string): void {
    modelLookups.push(model);
    if (modelLookupFailure !== undefined) {
      sendError(res, requestId, {
        kind: 'http-error',
        status: modelLookupFailure,
        errorType: 'api_error',
      });
      return;
    }
    if (!isKnown(model)) {
      sendError(res, requestId, unknownModel(model));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
    res.end(
      JSON.stringify({
        type: 'model',
        id: model,
        display_name: model,
        created_at: '2026-06-01T00:00:00Z',
      }),
    );
  }

  async function streamReply(
    res: ServerResponse,
    requestId: string,
    message: { id: string; model: string },
    reply: Exclude<FakeReply, { kind: 'http-error' }>,
    body: unknown,
  ): Promise<void> {
    const chunks = reply.chunks ?? [];
    const delayMs = (reply.kind === 'text' ? reply.chunkDelayMs : undefined) ?? defaultDelayMs;
    const inputTokens = reply.inputTokens ?? estimateInputTokens(body);

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': requestId,
    });
    // Resolves once the event is handed to the socket, so a `drop` loses nothing already sent.
    const sendRaw = (frame: string): Promise<boolean> =>
      new Promise((resolve) => {
        if (res.destroyed || res.writableEnded) return resolve(false);
        res.write(frame, (error) => resolve(!error));
      });
    const send = (type: string, data: unknown): Promise<boolean> =>
      sendRaw(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);

    await send('message_start', {
      type: 'message_start',
      message: {
        id: message.id,
        type: 'message',
        role: 'assistant',
        model: message.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
        },
      },
    });
    await send('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    await send('ping', { type: 'ping' });

    const deltaFrame = (text: string) =>
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`;
    if (delayMs > 0 && reply.kind === 'text') {
      // Paced text, as benchmarks use it by the thousand: one timer callback per token, no promise.
      const frames = chunks.map(deltaFrame);
      if (options.instantFirstChunk && !(await sendRaw(frames.shift() ?? ''))) return;
      if (!(await writePaced(res, frames, delayMs))) return;
    } else {
      for (const text of chunks) {
        if (delayMs > 0) await sleepUnlessClosed(res, delayMs);
        if (!(await sendRaw(deltaFrame(text)))) return;
      }
    }

    switch (reply.kind) {
      case 'text':
        await send('content_block_stop', { type: 'content_block_stop', index: 0 });
        await send('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: reply.stopReason ?? 'end_turn', stop_sequence: null },
          usage: { output_tokens: reply.outputTokens ?? chunks.length },
        });
        await send('message_stop', { type: 'message_stop' });
        res.end();
        return;
      case 'mid-stream-error': {
        const errorType = reply.errorType ?? 'overloaded_error';
        await send('error', {
          type: 'error',
          error: { type: errorType, message: messageFor(errorType) },
        });
        res.end();
        return;
      }
      case 'drop':
        res.socket?.destroy();
        return;
      case 'stall':
        return; // close() ends it
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    modelLookups,
    setKnownModels: (models) => {
      knownModels = models ? new Set(models) : undefined;
    },
    failModelLookups: (status) => {
      modelLookupFailure = status;
    },
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      pickDefault = typeof reply === 'function' ? reply : () => reply;
    },
    waitForRequests: (n, timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (requests.length >= n) return resolve();
        const wake = (): void => {
          if (requests.length < n) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `fake Claude: expected ${n} requests within ${timeoutMs} ms, got ${requests.length}`,
            ),
          );
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          requestWaiters.delete(wake);
        };
        requestWaiters.add(wake);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of openResponses) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function sendError(
  res: ServerResponse,
  requestId: string,
  reply: Extract<FakeReply, { kind: 'http-error' }>,
): void {
  const retryAfter = reply.retryAfter ?? (reply.status === 429 ? 1 : undefined);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'request-id': requestId,
    ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
  });
  res.end(
    JSON.stringify({
      type: 'error',
      error: { type: reply.errorType, message: reply.message ?? messageFor(reply.errorType) },
      request_id: requestId,
    }),
  );
}

/** The `stream: false` form: the whole Message as one JSON body. */
function sendWholeMessage(
  res: ServerResponse,
  requestId: string,
  message: { id: string; model: string },
  reply: Exclude<FakeReply, { kind: 'http-error' }>,
  body: unknown,
): void {
  if (reply.kind !== 'text') {
    // Without a stream there is no "middle" to fail in: the request fails as a whole.
    sendError(res, requestId, { kind: 'http-error', status: 529, errorType: 'overloaded_error' });
    return;
  }
  const chunks = reply.chunks ?? [];
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
  res.end(
    JSON.stringify({
      id: message.id,
      type: 'message',
      role: 'assistant',
      model: message.model,
      content: [{ type: 'text', text: chunks.join('') }],
      stop_reason: reply.stopReason ?? 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: reply.inputTokens ?? estimateInputTokens(body),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: reply.outputTokens ?? chunks.length,
      },
    }),
  );
}

/** What Anthropic answers for a model it does not have (retired, misspelt). */
function unknownModel(model: string): Extract<FakeReply, { kind: 'http-error' }> {
  return {
    kind: 'http-error',
    status: 404,
    errorType: 'not_found_error',
    message: `model: ${model}`,
  };
}

function messageFor(errorType: string): string {
  return ERROR_MESSAGES[errorType] ?? errorType;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes `frames` one every `ms`; resolves true once all are written, false if the client left. */
function writePaced(res: ServerResponse, frames: string[], ms: number): Promise<boolean> {
  if (frames.length === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    let next = 0;
    const gone = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      if (res.destroyed || res.writableEnded) return gone();
      res.write(frames[next++]!);
      if (next < frames.length) {
        timer.refresh(); // the same timer, rearmed: nothing allocated per token
        return;
      }
      res.off('close', gone);
      resolve(true);
    }, ms);
    res.once('close', gone);
  });
}

/** Waits `ms`, or less if the client goes away first (the caller then finds the response destroyed). */
function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      res.off('close', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    res.on('close', wake);
  });
}

function isStreaming(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true
  );
}

function modelOf(body: unknown): string {
  const model =
    typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : 'claude-fake';
}

interface MessageParam {
  role?: unknown;
  content?: unknown;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: { type?: unknown; text?: unknown }) =>
      block?.type === 'text' && typeof block.text === 'string' ? block.text : '',
    )
    .join('');
}

function messagesOf(body: unknown): MessageParam[] {
  const messages =
    typeof body === 'object' && body !== null
      ? (body as { messages?: unknown }).messages
      : undefined;
  return Array.isArray(messages) ? (messages as MessageParam[]) : [];
}

function lastUserText(body: unknown): string {
  const lastUser = [...messagesOf(body)].reverse().find((m) => m?.role === 'user');
  return lastUser ? textOf(lastUser.content) : '';
}

/** Roughly four characters a token, like English text; tests that care pass `inputTokens`. */
function estimateInputTokens(body: unknown): number {
  const system =
    typeof body === 'object' && body !== null ? (body as { system?: unknown }).system : undefined;
  const chars =
    textOf(typeof system === 'string' ? system : (system ?? '')).length +
    messagesOf(body).reduce((sum, m) => sum + textOf(m?.content).length, 0);
  const files = messagesOf(body).reduce((sum, m) => sum + fileTokensOf(m?.content), 0);
  return Math.max(1, Math.ceil(chars / 4) + files);
}

/**
 * What image and document blocks add to the input, as Claude counts them in spirit (an image's
 * tokens grow with its size): one token per 100 characters of base64 here, so tests can tell.
 */
export function fileTokensOf(content: unknown): number {
  if (!Array.isArray(content)) return 0;
  return content.reduce((sum: number, block: { type?: unknown; source?: { data?: unknown } }) => {
    const data = block?.source?.data;
    const isFile = block?.type === 'image' || block?.type === 'document';
    return sum + (isFile && typeof data === 'string' ? Math.ceil(data.length / 100) : 0);
  }, 0);
}
