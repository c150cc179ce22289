/**
 * The Repruv API faked with msw for the SDK's unit tests: it speaks the SPEC.md wire format
 * (JSON errors, SSE with offset ids, Last-Event-ID replay, client_message_id dedupe, guest
 * tokens), with knobs to inject faults: forced error responses, connections cut mid-stream,
 * replays that overlap. State lives in memory, one fake API per test.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import type { Message, Session } from '../../src/types.js';
import type { LiveReply } from './live-reply.js';
import { serve } from './msw.js';
import { handle } from './routes.js';

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case names, as a server sees them. */
  headers: Record<string, string | undefined>;
  body: Record<string, unknown> | undefined;
}

export interface ForcedFailure {
  /** Which requests it applies to (method + path), all when absent. */
  match?: RegExp;
  status: number;
  code: string;
  headers?: Record<string, string>;
  /** The error's `details`; `{hint: code}` when absent. */
  details?: unknown;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** Cut the connection instead of answering. */
  cut?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export interface FakeApiOptions {
  /** The reply's text chunks, one `message.delta` each. */
  reply?: string[];
  /** Delay between chunks. */
  chunkDelayMs?: number;
}

export class FakeApi {
  url = '';
  readonly requests: LoggedRequest[] = [];
  /** Bearer tokens accepted besides live guest tokens. */
  readonly tokens = new Set(['good']);
  readonly sessions: Session[] = [];
  readonly messages: Message[] = [];
  readonly replies = new Map<string, LiveReply>();
  readonly failures: ForcedFailure[] = [];
  /** Per streaming connection, in order: cut it after this many deltas (-1: before any event). */
  readonly cutAfterDeltas: number[] = [];
  reply: string[];
  chunkDelayMs: number;
  /** Make the next reply end with an `error` event. */
  replyError: { code: string; message: string } | undefined;
  /** On resume, replay this many characters before Last-Event-ID (an overlapping replay). */
  resumeOverlap = 0;
  /** Send a few bytes at a time instead of whole events. */
  bytesPerWrite = 0;
  /** Line ending used in the event stream. */
  eol = '\n';
  /** A repeated send of a finished reply answers 201 JSON even on a stream request. */
  repeatAsJson = false;
  guestTtlMs = 3_600_000;
  /** Guest tokens need a solved challenge (`GET /auth/challenge`), as a site with `challenge: on`. */
  challengeOn = false;
  /** The `maxnumber` of the challenges it makes: small, so a solve takes milliseconds. */
  challengeMax = 2_000;
  /** Solutions already spent: each is accepted once. */
  readonly spentSolutions = new Set<string>();
  /** guest token -> guest identity (and the host's user id it was issued for, if any) */
  readonly guests = new Map<string, { guestId: string; expiresAt: number; userId?: string }>();
  /** Open event streams and unanswered requests: close() ends them. */
  readonly open = new Set<() => void>();
  private stopServing = () => {};

  constructor(options: FakeApiOptions = {}) {
    this.reply = options.reply ?? ['Hel', 'lo ', 'wör', 'ld 😀', '!'];
    this.chunkDelayMs = options.chunkDelayMs ?? 5;
  }

  start(): this {
    const served = serve((request) => this.handle(request));
    this.url = served.url;
    this.stopServing = served.close;
    return this;
  }

  /** From now on nothing answers at `url`: requests fail as a refused connection does. */
  async close(): Promise<void> {
    this.stopServing();
    this.replies.forEach((reply) => reply.stop());
    this.open.forEach((end) => end());
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
      current_message_id: null,
      created_at: now,
      updated_at: now,
      last_message_at: null,
    };
    this.sessions.unshift(session);
    return session;
  }

  addMessage(sessionId: string, role: Message['role'], content: string): Message {
    const id = randomUUID();
    const message: Message = {
      id,
      session_id: sessionId,
      parent_id: null,
      sibling_ids: [id],
      role,
      content,
      status: role === 'user' ? 'complete' : 'streaming',
      tokens: null,
      latency_ms: null,
      client_message_id: null,
      feedback: null,
      attachments: [],
      created_at: new Date().toISOString(),
    };
    this.messages.push(message);
    return message;
  }

  private handle(request: Request): Promise<Response> {
    return handle(this, request);
  }
}

export function startFakeApi(options?: FakeApiOptions): FakeApi {
  return new FakeApi(options).start();
}

/**
 * A fresh fake API for every test of the file: started in beforeEach, closed in afterEach
 * (closing one the test already closed is harmless). The handle stands for the running test's
 * fake API: reads, writes and method calls go to it.
 */
export function useFakeApi(options?: FakeApiOptions): FakeApi {
  let api: FakeApi | undefined;
  const current = (): FakeApi => {
    if (!api) throw new Error('the fake API is not started yet (use it inside a test)');
    return api;
  };
  beforeEach(() => {
    api = startFakeApi(options);
  });
  afterEach(() => api?.close());
  return new Proxy({} as FakeApi, {
    get(_, key) {
      const target = current();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(current(), key, value),
  });
}
