/**
 * A small in-memory server that speaks the SPEC.md wire format (JSON errors, SSE with
 * offset ids, Last-Event-ID replay, client_message_id dedupe, guest tokens), plus knobs
 * to inject faults: forced error responses, sockets cut mid-stream, replays that overlap.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import type { Message, Session } from '../src/types.js';

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
}

export interface ForcedFailure {
  /** Which requests it applies to (method + path), all when absent. */
  match?: RegExp;
  status: number;
  code: string;
  headers?: Record<string, string>;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** Cut the socket instead of answering. */
  cut?: boolean;
  /** Never answer. */
  hang?: boolean;
}

type ReplyEvent = { kind: 'delta'; text: string } | { kind: 'end' };

/** A reply being generated; it goes on whether or not anyone is connected. */
class LiveReply {
  readonly listeners = new Set<(event: ReplyEvent) => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly message: Message,
    private readonly chunks: string[],
    private readonly delayMs: number,
    private readonly failWith: { code: string; message: string } | undefined,
  ) {
    this.schedule();
  }

  get done(): boolean {
    return this.message.status !== 'streaming';
  }

  stop(): void {
    if (this.done) return;
    clearTimeout(this.timer);
    this.finish('stopped');
  }

  get error(): { code: string; message: string } | undefined {
    return this.message.status === 'error' ? this.failWith : undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.step(), this.delayMs);
  }

  private step(): void {
    const chunk = this.chunks.shift();
    if (chunk === undefined) return this.finish(this.failWith ? 'error' : 'complete');
    this.message.content += chunk;
    this.listeners.forEach((listener) => listener({ kind: 'delta', text: chunk }));
    this.schedule();
  }

  private finish(status: Message['status']): void {
    this.message.status = status;
    this.message.tokens = this.message.content.length;
    this.message.latency_ms = 5;
    this.listeners.forEach((listener) => listener({ kind: 'end' }));
  }
}

export interface FakeServerOptions {
  /** The reply's text chunks, one `message.delta` each. */
  reply?: string[];
  /** Delay between chunks. */
  chunkDelayMs?: number;
}

export class FakeServer {
  url = '';
  readonly requests: LoggedRequest[] = [];
  /** Bearer tokens accepted besides live guest tokens. */
  readonly tokens = new Set(['good']);
  readonly sessions: Session[] = [];
  readonly messages: Message[] = [];
  readonly replies = new Map<string, LiveReply>();
  readonly failures: ForcedFailure[] = [];
  /** Per streaming connection, in order: cut the socket after this many deltas (-1: before any event). */
  readonly cutAfterDeltas: number[] = [];
  reply: string[];
  chunkDelayMs: number;
  /** Make the next reply end with an `error` event. */
  replyError: { code: string; message: string } | undefined;
  /** On resume, replay this many characters before Last-Event-ID (an overlapping replay). */
  resumeOverlap = 0;
  /** Send a few characters (`write`) at a time instead of whole events. */
  bytesPerWrite = 0;
  /** Line ending used in the event stream. */
  eol = '\n';
  /** A repeated send of a finished reply answers 201 JSON even on a stream request. */
  repeatAsJson = false;
  guestTtlMs = 3_600_000;
  /** guest token -> guest identity */
  readonly guests = new Map<string, { guestId: string; expiresAt: number }>();
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(options: FakeServerOptions = {}) {
    this.reply = options.reply ?? ['Hel', 'lo ', 'wör', 'ld 😀', '!'];
    this.chunkDelayMs = options.chunkDelayMs ?? 5;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.replies.forEach((reply) => reply.stop());
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  failNext(failure: ForcedFailure): void {
    this.failures.push(failure);
  }

  /** Requests whose method and path match. */
  calls(method: string, path: RegExp): LoggedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  addSession(title = 'New Chat'): Session {
    const now = new Date(Date.now() + this.sessions.length).toISOString();
    const session: Session = {
      id: randomUUID(),
      title,
      mode: 'general',
      status: 'active',
      context_tags: [],
      message_count: 0,
      created_at: now,
      updated_at: now,
      last_message_at: null,
    };
    this.sessions.unshift(session);
    return session;
  }

  addMessage(sessionId: string, role: Message['role'], content: string): Message {
    const message: Message = {
      id: randomUUID(),
      session_id: sessionId,
      role,
      content,
      status: role === 'user' ? 'complete' : 'streaming',
      tokens: null,
      latency_ms: null,
      client_message_id: null,
      created_at: new Date().toISOString(),
    };
    this.messages.push(message);
    return message;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw ? JSON.parse(raw) : undefined,
    };
    this.requests.push(entry);
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);

    const forced = this.failures.find(
      (f) => !f.match || f.match.test(`${entry.method} ${entry.path}`),
    );
    if (forced) {
      forced.times = (forced.times ?? 1) - 1;
      if (forced.times <= 0) this.failures.splice(this.failures.indexOf(forced), 1);
      if (forced.cut) return void req.socket.destroy();
      if (forced.hang) return;
      for (const [k, v] of Object.entries(forced.headers ?? {})) res.setHeader(k, v);
      return this.error(res, forced.status, forced.code, requestId);
    }

    const route = `${entry.method} ${url.pathname.replace(/^\/api\/v1/, '')}`;
    if (route === 'POST /auth/guest') return this.issueGuest(entry, res);
    if (!this.authorized(req)) return this.error(res, 401, 'unauthorized', requestId);

    let m: RegExpMatchArray | null;
    if (route === 'POST /chat/sessions') {
      const session = this.addSession((entry.body?.title as string) ?? 'New Chat');
      return json(res, 201, session);
    }
    if (route === 'GET /chat/sessions') return this.listSessions(url, res);
    if ((m = route.match(/^(GET|PATCH|DELETE) \/chat\/sessions\/([^/]+)$/))) {
      const session = this.sessions.find((s) => s.id === m![2]);
      if (!session) return this.error(res, 404, 'not_found', requestId);
      if (m[1] === 'PATCH') Object.assign(session, entry.body);
      if (m[1] === 'DELETE') {
        this.sessions.splice(this.sessions.indexOf(session), 1);
        res.writeHead(204).end();
        return;
      }
      return json(res, 200, session);
    }
    if (route === 'POST /chat/messages') return this.send(entry, req, res, requestId);
    if ((m = route.match(/^POST \/chat\/messages\/([^/]+)\/stop$/))) {
      const reply = this.replies.get(m[1]!);
      if (!reply) return this.error(res, 404, 'not_found', requestId);
      reply.stop();
      return json(res, 200, reply.message);
    }
    if ((m = route.match(/^GET \/chat\/messages\/([^/]+)\/stream$/))) {
      const reply = this.replies.get(m[1]!);
      if (!reply) return this.error(res, 404, 'not_found', requestId);
      const lastEventId = req.headers['last-event-id'] as string | undefined;
      return this.streamReply(reply, req, res, lastEventId);
    }
    if ((m = route.match(/^GET \/chat\/messages\/([^/]+)$/)))
      return this.listMessages(m[1]!, url, res);
    return this.error(res, 404, 'not_found', requestId);
  }

  private authorized(req: IncomingMessage): boolean {
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token) return false;
    const guest = this.guests.get(token);
    return this.tokens.has(token) || (!!guest && guest.expiresAt > Date.now());
  }

  private issueGuest(entry: LoggedRequest, res: ServerResponse): void {
    const previous = entry.headers.authorization?.replace(/^Bearer /, '');
    const known = previous ? this.guests.get(previous) : undefined;
    if (previous && !known) return this.error(res, 401, 'unauthorized', 'r');
    const token = `guest-${randomUUID()}`;
    const expiresAt = Date.now() + this.guestTtlMs;
    this.guests.set(token, { guestId: known?.guestId ?? randomUUID(), expiresAt });
    json(res, 200, { token, expires_at: new Date(expiresAt).toISOString() });
  }

  private listSessions(url: URL, res: ServerResponse): void {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const cursor = url.searchParams.get('cursor');
    const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
    const data = this.sessions.slice(start, start + limit);
    const next = start + limit < this.sessions.length ? start + limit : null;
    json(res, 200, {
      data,
      next_cursor: next === null ? null : Buffer.from(String(next)).toString('base64url'),
    });
  }

  private listMessages(sessionId: string, url: URL, res: ServerResponse): void {
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const before = url.searchParams.get('before');
    let all = this.messages.filter((m) => m.session_id === sessionId);
    if (before)
      all = all.slice(
        0,
        all.findIndex((m) => m.id === before),
      );
    json(res, 200, { data: all.slice(-limit), has_more: all.length > limit });
  }

  private send(
    entry: LoggedRequest,
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): void {
    const body = entry.body ?? {};
    const session = this.sessions.find((s) => s.id === body.session_id);
    if (!session) return this.error(res, 404, 'not_found', requestId);
    if (typeof body.content !== 'string' || !body.content.trim()) {
      return this.error(res, 400, 'invalid_request', requestId);
    }
    const stream =
      entry.query.get('stream') === 'true' || /event-stream/.test(req.headers.accept ?? '');
    const clientMessageId = (body.client_message_id as string | undefined) ?? null;
    const repeated = clientMessageId
      ? this.messages.find((m) => m.role === 'user' && m.client_message_id === clientMessageId)
      : undefined;
    let reply: LiveReply;
    if (repeated) {
      reply = [...this.replies.values()].find(
        (r) => r.message.client_message_id === clientMessageId,
      )!;
    } else {
      const user = this.addMessage(session.id, 'user', body.content);
      user.client_message_id = clientMessageId;
      const assistant = this.addMessage(session.id, 'assistant', '');
      assistant.client_message_id = clientMessageId;
      reply = new LiveReply(assistant, [...this.reply], this.chunkDelayMs, this.replyError);
      this.replyError = undefined;
      this.replies.set(assistant.id, reply);
    }
    const user = this.messages.find(
      (m) => m.role === 'user' && m.client_message_id === clientMessageId,
    )!;
    if (!stream || (repeated && reply.done && this.repeatAsJson)) {
      const answer = () => json(res, 201, { user_message: user, assistant_message: reply.message });
      if (reply.done) return answer();
      reply.listeners.add(function onEnd(event) {
        if (event.kind !== 'end') return;
        reply.listeners.delete(onEnd);
        answer();
      });
      return;
    }
    this.streamReply(reply, req, res, undefined, user);
  }

  /** The SSE side of a reply: replay from Last-Event-ID (or from `message.created`), then follow it live. */
  private streamReply(
    reply: LiveReply,
    req: IncomingMessage,
    res: ServerResponse,
    lastEventId: string | undefined,
    user?: Message,
  ): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const cutAfter = this.cutAfterDeltas.shift();
    let deltas = 0;
    const write = (text: string) => {
      const n = this.bytesPerWrite;
      if (!n) return void res.write(text);
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += n) res.write(bytes.subarray(i, i + n));
    };
    const send = (event: string, id: string, data: unknown) => {
      const lines = [`id: ${id}`, `event: ${event}`, `data: ${JSON.stringify(data)}`, '', ''];
      write(lines.join(this.eol));
    };
    const delta = (text: string) => {
      send('message.delta', String(reply.message.content.length), {
        message_id: reply.message.id,
        text,
      });
      if (++deltas === cutAfter) {
        reply.listeners.delete(listener);
        // Let the written events reach the client, then cut without ending the chunked body.
        setTimeout(() => res.socket?.destroy(), 20);
        return true;
      }
      return false;
    };
    const end = () => {
      const id = `${reply.message.content.length}:end`;
      if (reply.error)
        send('error', id, { error: { ...reply.error, retryable: false }, message: reply.message });
      else send('message.completed', id, { message: reply.message });
      reply.listeners.delete(listener);
      res.end();
    };
    const listener = (event: ReplyEvent) => (event.kind === 'end' ? end() : void delta(event.text));

    write(`: ping${this.eol}${this.eol}`);
    if (cutAfter === -1) return void setTimeout(() => res.socket?.destroy(), 20);
    let from = 0;
    if (lastEventId === undefined) {
      const userMessage =
        user ??
        this.messages.find(
          (m) => m.client_message_id === reply.message.client_message_id && m.role === 'user',
        );
      send('message.created', '0', {
        user_message: userMessage,
        assistant_message: { ...reply.message, content: '', status: 'streaming' },
      });
      if (cutAfter === 0) return void setTimeout(() => res.socket?.destroy(), 20);
    } else {
      from = Math.max(0, parseInt(lastEventId, 10) - this.resumeOverlap);
    }
    const missed = reply.message.content.slice(from);
    if (missed && delta(missed)) return;
    if (reply.done) return end();
    reply.listeners.add(listener);
    req.on('close', () => reply.listeners.delete(listener));
    res.on('close', () => reply.listeners.delete(listener));
  }

  private error(res: ServerResponse, status: number, code: string, requestId: string): void {
    json(res, status, {
      error: { code, message: `${code} happened`, details: { hint: code } },
      request_id: requestId,
    });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

export async function startFakeServer(options?: FakeServerOptions): Promise<FakeServer> {
  return new FakeServer(options).start();
}

/**
 * A fresh fake server for every test of the file: started in beforeEach, closed in afterEach
 * (closing one the test already closed is harmless). The handle stands for the running test's
 * server: reads, writes and method calls go to it.
 */
export function useFakeServer(options?: FakeServerOptions): FakeServer {
  let server: FakeServer | undefined;
  const current = (): FakeServer => {
    if (!server) throw new Error('the fake server is not started yet (use it inside a test)');
    return server;
  };
  beforeEach(async () => {
    server = await startFakeServer(options);
  });
  afterEach(() => server?.close());
  return new Proxy({} as FakeServer, {
    get(_, key) {
      const target = current();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(current(), key, value),
  });
}
