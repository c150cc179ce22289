import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import {
  echoReply,
  startFakeClaude,
  type FakeClaude,
  type FakeReply,
  type RecordedRequest,
} from '../support/fake-claude.js';
import { messageBody, readSse, type SseEvent } from '../support/http.js';
import { freePort, REPO_ROOT, type Infrastructure } from './infra.js';

export { sleep, waitFor } from './infra.js';
export type { SseEvent } from '../support/http.js';

export const JWT_SECRET = 'fault-suite-secret-that-is-long-enough-for-hs256';
// FAULTS_SERVER_MAIN: run another build of the server (the default is the one globalSetup builds).
const SERVER_MAIN =
  process.env.FAULTS_SERVER_MAIN ?? join(REPO_ROOT, 'packages/server/dist/main.js');

export function infra(): Infrastructure {
  return inject('infra');
}

/** A short random suffix, so names never collide between runs. */
export const unique = () => randomBytes(4).toString('hex');

// ---------------------------------------------------------------- fake Claude, scripted by content

export interface ScriptedClaude {
  fake: FakeClaude;
  url: string;
  /** The next replies for any message whose text contains `key` (then: an echo). */
  script(key: string, ...replies: FakeReply[]): void;
  close(): Promise<void>;
}

function lastUserText(request: RecordedRequest): string {
  const messages = (request.body?.messages ?? []) as Array<{ role: string; content: unknown }>;
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return Array.isArray(last.content)
    ? last.content.map((block: { text?: string }) => block.text ?? '').join('')
    : '';
}

/**
 * The in-process fake Claude, replying by message content: concurrent sends get the reply scripted
 * for their own text, whatever the order their requests arrive in.
 */
export async function startScriptedClaude(
  fallback: (request: RecordedRequest) => FakeReply = echoReply,
): Promise<ScriptedClaude> {
  const fake = await startFakeClaude();
  const scripts = new Map<string, FakeReply[]>();
  fake.setDefault((request) => {
    const text = lastUserText(request);
    let chosen: string | undefined;
    for (const key of scripts.keys()) {
      if (text.includes(key) && (!chosen || text.lastIndexOf(key) > text.lastIndexOf(chosen))) {
        chosen = key;
      }
    }
    if (chosen === undefined) return fallback(request);
    const queue = scripts.get(chosen)!;
    const reply = queue.shift()!;
    if (queue.length === 0) scripts.delete(chosen);
    return reply;
  });
  return {
    fake,
    url: fake.url,
    script: (key, ...replies) => scripts.set(key, [...(scripts.get(key) ?? []), ...replies]),
    close: () => fake.close(),
  };
}

/** `count` chunks "w0 ", "w1 ", … and their concatenation. */
export function words(count: number, prefix = 'w'): { chunks: string[]; text: string } {
  const chunks = Array.from({ length: count }, (_, i) => `${prefix}${i} `);
  return { chunks, text: chunks.join('') };
}

// ---------------------------------------------------------------- databases

export interface TestDb {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database on the suite's private cluster; `pool` is the test's own view of it. */
export async function createTestDb(label: string): Promise<TestDb> {
  const { adminUrl } = infra();
  const name = `faults_${label}_${unique()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
  // The cluster is restarted on purpose: a dropped idle connection must not crash the test process.
  pool.on('error', () => undefined);
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface MessageRow {
  id: string;
  session_id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'complete' | 'streaming' | 'stopped' | 'error';
  client_message_id: string | null;
  reply_to_message_id: string | null;
  stop_reason: string | null;
}

export async function messageRow(db: TestDb, id: string): Promise<MessageRow | undefined> {
  const { rows } = await db.pool.query<MessageRow>('SELECT * FROM ai_chat_messages WHERE id = $1', [
    id,
  ]);
  return rows[0];
}

export async function sessionRows(db: TestDb, sessionId: string): Promise<MessageRow[]> {
  const { rows } = await db.pool.query<MessageRow>(
    'SELECT * FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq',
    [sessionId],
  );
  return rows;
}

/**
 * The invariants every scenario must leave behind: each user message stored once (no repeated
 * client_message_id) and answered by exactly one assistant message; no assistant message left
 * "streaming"; session message counts true. Returns the assistant messages by status.
 */
export async function assertDatabaseConsistent(db: TestDb): Promise<Record<string, number>> {
  const q = async (sql: string) => (await db.pool.query(sql)).rows;

  expect(
    await q(`SELECT id, content, stop_reason FROM ai_chat_messages WHERE status = 'streaming'`),
    'assistant messages left streaming',
  ).toEqual([]);
  expect(
    await q(`SELECT id, status FROM ai_chat_messages
             WHERE status NOT IN ('complete', 'stopped', 'error')
                OR (role = 'user' AND status <> 'complete')`),
    'messages in an impossible state',
  ).toEqual([]);
  expect(
    await q(`SELECT session_id, client_message_id, count(*)::int AS copies FROM ai_chat_messages
             WHERE client_message_id IS NOT NULL
             GROUP BY session_id, client_message_id HAVING count(*) > 1`),
    'client_message_ids stored more than once',
  ).toEqual([]);
  expect(
    await q(`SELECT u.id, count(a.id)::int AS replies FROM ai_chat_messages u
             LEFT JOIN ai_chat_messages a ON a.reply_to_message_id = u.id AND a.role = 'assistant'
             WHERE u.role = 'user' GROUP BY u.id HAVING count(a.id) <> 1`),
    'user messages without exactly one reply',
  ).toEqual([]);
  expect(
    await q(`SELECT a.id FROM ai_chat_messages a
             LEFT JOIN ai_chat_messages u ON u.id = a.reply_to_message_id AND u.role = 'user'
             WHERE a.role = 'assistant' AND (u.id IS NULL OR u.session_id <> a.session_id)`),
    'assistant messages answering no user message of their session',
  ).toEqual([]);
  expect(
    await q(`SELECT s.id, s.message_count, count(m.id)::int AS actual FROM ai_chat_sessions s
             LEFT JOIN ai_chat_messages m ON m.session_id = s.id
             GROUP BY s.id HAVING s.message_count <> count(m.id)`),
    'sessions whose message_count is wrong',
  ).toEqual([]);

  const byStatus: Record<string, number> = {};
  for (const row of await q(`SELECT status, count(*)::int AS n FROM ai_chat_messages
                             WHERE role = 'assistant' GROUP BY status`)) {
    byStatus[row.status as string] = row.n as number;
  }
  return byStatus;
}

// ---------------------------------------------------------------- server processes

export interface ServerProcess {
  name: string;
  url: string;
  api: string;
  port: number;
  env: Record<string, string>;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process's recent output (JSON log lines at LOG_LEVEL=warn). */
  logs(): string;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export function serverEnv(
  db: TestDb,
  claude: { url: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL: infra().redisUrl,
    AUTH_JWT_SECRET: JWT_SECRET,
    CLAUDE_API_KEY: 'test',
    CLAUDE_BASE_URL: claude.url,
    CLAUDE_MAX_RETRIES: '0',
    CHAT_FLUSH_MS: '100',
    CHAT_ORPHAN_GRACE_S: '2',
    CLAUDE_IDLE_TIMEOUT_MS: '1500',
    CLAUDE_CB_THRESHOLD: '1000',
    CLAUDE_CB_COOLDOWN: '2',
    SHUTDOWN_DRAIN_MS: '3000',
    LOG_LEVEL: 'warn',
    // 1,000 concurrent sends come from one address; the caps' own tests set them.
    CONNECTIONS_PER_IP: '0',
    STREAMS_PER_USER: '1000',
    SESSIONS_PER_USER_PER_HOUR: '1000000',
    // Titles from the first words: a title call to Claude would be a second call per session that
    // the suites' counts of upstream requests and tokens do not expect (the titles' own tests set it).
    CHAT_AUTO_TITLE: 'words',
    ...overrides,
  };
}

/** `node packages/server/dist/main.js` on a free port; resolves once /healthz answers. */
export async function startServer(
  name: string,
  env: Record<string, string>,
  port?: number,
): Promise<ServerProcess> {
  const chosenPort = port ?? (await freePort());
  const fullEnv = { ...env, PORT: String(chosenPort) };
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-64_000);
    if (process.env.FAULTS_VERBOSE) process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${chosenPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server ${name} exited at start:\n${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server ${name} did not listen within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name,
    url,
    api: `${url}/api/v1`,
    port: chosenPort,
    env: fullEnv,
    child,
    exited,
    logs: () => output,
  };
}

/** Stops a server (SIGTERM, SIGKILL after `graceMs`); fails when it had died on its own before. */
export async function stopServer(server: ServerProcess | undefined, graceMs = 15_000) {
  if (!server) return;
  const alreadyDead = server.child.exitCode !== null || server.child.signalCode !== null;
  if (!alreadyDead) {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
    await server.exited;
    clearTimeout(timer);
  }
  return alreadyDead;
}

/** Asserts that the server process is still alive (it did not crash during the scenario). */
export function expectAlive(server: ServerProcess): void {
  expect(
    server.child.exitCode === null && server.child.signalCode === null,
    `server ${server.name} died:\n${server.logs()}`,
  ).toBe(true);
}

// ---------------------------------------------------------------- a test file's stack

export interface FaultStack {
  /** The file's fake Claude (available from its beforeAll on). */
  readonly claude: ScriptedClaude;
  /** The file's own database (available from its beforeAll on). */
  readonly db: TestDb;
  /**
   * Starts a server on the file's database and fake Claude (`serverEnv` with `overrides`); every
   * server started this way is stopped in the file's afterAll.
   */
  start: (
    name: string,
    overrides?: Record<string, string>,
    port?: number,
  ) => Promise<ServerProcess>;
}

export interface FaultStackOptions {
  /** What fake Claude answers to an unscripted message (default: an echo). */
  fallback?: (request: RecordedRequest) => FakeReply;
  /** Runs in beforeAll once fake Claude and the database are up: start the file's servers here. */
  setup?: (stack: FaultStack) => Promise<void>;
  /** Runs first in afterAll, before the servers stop (e.g. to bring back a PostgreSQL a test stopped). */
  beforeTeardown?: () => void | Promise<void>;
}

/**
 * The set-up every fault file shares: beforeAll starts a scripted fake Claude and creates a fresh
 * database named after `label` (then runs `options.setup`); afterAll stops the servers started
 * through `start`, closes fake Claude and drops the database.
 */
export function useFaultStack(label: string, options: FaultStackOptions = {}): FaultStack {
  let claude: ScriptedClaude | undefined;
  let db: TestDb | undefined;
  const servers: ServerProcess[] = [];
  const stack: FaultStack = {
    get claude() {
      if (!claude) throw new Error('fake Claude is not started yet (use it from beforeAll on)');
      return claude;
    },
    get db() {
      if (!db) throw new Error('the database is not created yet (use it from beforeAll on)');
      return db;
    },
    start: async (name, overrides = {}, port) => {
      const server = await startServer(name, serverEnv(stack.db, stack.claude, overrides), port);
      servers.push(server);
      return server;
    },
  };
  beforeAll(async () => {
    claude = await startScriptedClaude(options.fallback);
    db = await createTestDb(label);
    await options.setup?.(stack);
  });
  afterAll(async () => {
    await options.beforeTeardown?.();
    await Promise.all(servers.map((server) => stopServer(server)));
    await claude?.close();
    await db?.drop();
  });
  return stack;
}

// ---------------------------------------------------------------- HTTP

const tokens = new Map<string, Promise<string>>();

export function tokenFor(sub: string): Promise<string> {
  let token = tokens.get(sub);
  if (!token) {
    token = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(JWT_SECRET));
    tokens.set(sub, token);
  }
  return token;
}

export interface CallOptions {
  as: string;
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function call(
  server: ServerProcess,
  path: string,
  options: CallOptions,
): Promise<Response> {
  const headers = new Headers(options.headers);
  headers.set('Authorization', `Bearer ${await tokenFor(options.as)}`);
  if (options.json !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(`${server.api}${path}`, {
    method: options.method ?? (options.json !== undefined ? 'POST' : 'GET'),
    headers,
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
    signal: options.signal ?? AbortSignal.timeout(60_000),
  });
}

export async function createSession(server: ServerProcess, as: string): Promise<string> {
  const response = await call(server, '/chat/sessions', { as, json: {} });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export interface SendOptions {
  clientMessageId?: string;
}

/** The plain JSON send (waits for the whole reply). */
export function send(
  server: ServerProcess,
  as: string,
  sessionId: string,
  content: string,
  options: SendOptions = {},
): Promise<Response> {
  return call(server, '/chat/messages', {
    as,
    json: messageBody(sessionId, content, options.clientMessageId),
  });
}

/** An SSE stream read event by event, that the test can cut at any point. */
export class Stream {
  readonly events: SseEvent[] = [];
  private readonly iterator: AsyncGenerator<SseEvent>;
  /** A read that timed out is still pending: the next call takes it over, so no event is lost. */
  private pending: Promise<IteratorResult<SseEvent>> | undefined;
  private finished = false;

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.iterator = readSse(response);
  }

  get status(): number {
    return this.response.status;
  }

  /** The concatenated text of the deltas received so far. */
  get text(): string {
    return deltaText(this.events);
  }

  /** The last event id received (a character offset, or "n:end"). */
  get lastId(): string | undefined {
    return this.events.at(-1)?.id;
  }

  get terminal(): SseEvent | undefined {
    const last = this.events.at(-1);
    return last && (last.event === 'message.completed' || last.event === 'error')
      ? last
      : undefined;
  }

  get created(): { user_message: { id: string }; assistant_message: { id: string } } {
    const created = this.events.find((event) => event.event === 'message.created');
    if (!created) throw new Error('no message.created event');
    return created.data;
  }

  /** The next event, or undefined when the stream ended. */
  async next(timeoutMs = 20_000): Promise<SseEvent | undefined> {
    if (this.finished) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no SSE event within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      this.pending ??= this.iterator.next();
      const result = await Promise.race([this.pending, timeout]);
      this.pending = undefined;
      if (result.done) {
        this.finished = true;
        return undefined;
      }
      this.events.push(result.value);
      return result.value;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads until `count` deltas have arrived (in total). */
  async untilDeltas(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.filter((event) => event.event === 'message.delta').length < count) {
      const event = await this.next(Math.max(1, deadline - Date.now()));
      if (!event) throw new Error(`stream ended after ${this.text.length} characters`);
      if (event.event === 'error' || event.event === 'message.completed') {
        throw new Error(`stream finished early: ${JSON.stringify(event.data)}`);
      }
    }
  }

  /** Reads everything up to the end of the stream. */
  async rest(timeoutMs = 30_000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (await this.next(Math.max(1, deadline - Date.now())));
    return this.events;
  }

  /** Reads up to the end; a cut connection (server killed) ends it without an error. */
  async restTolerant(timeoutMs = 30_000): Promise<SseEvent[]> {
    try {
      await this.rest(timeoutMs);
    } catch (error) {
      if (String(error).includes('no SSE event')) throw error;
      this.finished = true;
    }
    return this.events;
  }

  /** The client goes away. */
  abort(): void {
    this.finished = true;
    this.controller.abort();
  }
}

export async function openStream(server: ServerProcess, path: string, options: CallOptions) {
  const controller = new AbortController();
  const response = await call(server, path, {
    ...options,
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(150_000)]),
  });
  return new Stream(response, controller);
}

/** POST /chat/messages?stream=true as an SSE stream. */
export async function sendStream(
  server: ServerProcess,
  as: string,
  sessionId: string,
  content: string,
  options: SendOptions = {},
): Promise<Stream> {
  const stream = await openStream(server, '/chat/messages?stream=true', {
    as,
    json: messageBody(sessionId, content, options.clientMessageId),
  });
  if (stream.status !== 200) {
    throw new Error(`stream refused: ${stream.status} ${await stream.response.text()}`);
  }
  await stream.next(); // message.created
  return stream;
}

/** GET /chat/messages/{id}/stream, from `lastEventId` when given. */
export function reattach(
  server: ServerProcess,
  as: string,
  messageId: string,
  lastEventId?: string,
): Promise<Stream> {
  return openStream(server, `/chat/messages/${messageId}/stream`, {
    as,
    ...(lastEventId !== undefined ? { headers: { 'Last-Event-ID': lastEventId } } : {}),
  });
}

export function deltaText(events: SseEvent[]): string {
  return events
    .filter((event) => event.event === 'message.delta')
    .map((event) => event.data.text as string)
    .join('');
}

/** Runs `tasks` with at most `limit` at a time. */
export async function inBatches<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  });
  await Promise.all(workers);
  return results;
}
