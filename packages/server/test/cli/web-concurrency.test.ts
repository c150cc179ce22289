import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, test } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../support/database.js';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.js';
import {
  PROCESS_TIMEOUT,
  startServer,
  startServerExpectingExit,
  type RunningServer,
} from './processes.js';

// The machine's PostgreSQL and Redis, whatever the suite runs on: processes cannot share PGlite.
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'web-concurrency-secret-web-concurrency';

let database: (TestDatabase & { url: string }) | undefined;
let fake: FakeClaude | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.stop();
  await fake?.close();
  await database?.drop();
  server = fake = database = undefined;
});

/** The processes whose parent is `pid`, from /proc. */
function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // it ended meanwhile
      }
    })
    .map(Number);
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One request on a connection of its own, so that the primary hands each to the next process. */
function call(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent: false,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.on('data', (part: Buffer) => (text += part.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode!, json: JSON.parse(text) as never }),
        );
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const tokenFor = (sub: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

async function startTwoProcesses(): Promise<RunningServer> {
  database = await createPostgresDatabase(POSTGRES_URL);
  fake = await startFakeClaude();
  fake.setDefault({ kind: 'text', chunks: ['Hello', ' there'], chunkDelayMs: 0 });
  const running = await startServer({
    WEB_CONCURRENCY: '2',
    DATABASE_URL: database.url,
    REDIS_URL,
    CLAUDE_API_KEY: 'test-key',
    CLAUDE_BASE_URL: fake.url,
    CLAUDE_MAX_RETRIES: '0',
    AUTH_JWT_SECRET: SECRET,
    LOG_LEVEL: 'info',
  });
  let listening = 1; // startServer saw the first process say where it listens
  running.child.stdout!.on('data', (chunk: Buffer) => {
    listening += chunk.toString().split('is listening on').length - 1;
  });
  await waitFor(() => listening === 2, 'the second process to listen');
  expect(childPids(running.child.pid!)).toHaveLength(2);
  return running;
}

/** The processes that logged a request, from the JSON lines of standard output. */
function pidsThatAnswered(stdout: string): Set<number> {
  const pids = new Set<number>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; pid?: number };
    if (entry.msg === 'request' && entry.pid) pids.add(entry.pid);
  }
  return pids;
}

describe('WEB_CONCURRENCY: several server processes on one port', PROCESS_TIMEOUT, () => {
  test('two processes answer on one port, one conversation continues across them, and SIGTERM stops them all', async () => {
    server = await startTwoProcesses();
    const primary = server.child.pid!;
    const token = await tokenFor('across-processes');
    const session = await call('POST', `${server.url}/api/v1/chat/sessions`, token, {});
    expect(session.status).toBe(201);
    const sessionId = session.json.id as string;
    // Six turns, each on a new connection: the primary hands them round the two processes.
    for (let turn = 0; turn < 6; turn++) {
      const sent = await call('POST', `${server.url}/api/v1/chat/messages`, token, {
        session_id: sessionId,
        content: `turn ${turn}`,
      });
      expect(sent.status).toBe(201);
      expect((sent.json.assistant_message as { content: string }).content).toBe('Hello there');
    }
    const history = await call('GET', `${server.url}/api/v1/chat/messages/${sessionId}`, token);
    const messages = history.json.data as Array<{ role: string; content: string }>;
    expect(messages.map((m) => m.content)).toEqual(
      Array.from({ length: 6 }, (_, turn) => [`turn ${turn}`, 'Hello there']).flat(),
    );
    // Each later turn's request to Claude held the whole conversation, whichever process sent it.
    const lastAsked = fake!.requests.filter((r) => r.body.stream).at(-1)!;
    expect(lastAsked.body.messages).toHaveLength(11);

    const stopping = server;
    server = undefined;
    const result = await stopping.stop();
    expect(pidsThatAnswered(result.stdout).size).toBe(2);
    expect(result.code).toBe(0);
    expect(childPids(primary)).toEqual([]);
  });

  test('a process that dies is replaced, and the port keeps answering', async () => {
    server = await startTwoProcesses();
    const primary = server.child.pid!;
    const [victim] = childPids(primary);
    process.kill(victim!, 'SIGKILL');
    await waitFor(() => {
      const now = childPids(primary);
      return now.length === 2 && !now.includes(victim!);
    }, 'a replacement process');
    const token = await tokenFor('after-a-crash');
    for (let i = 0; i < 4; i++) {
      const created = await call('POST', `${server.url}/api/v1/chat/sessions`, token, {});
      expect(created.status).toBe(201);
    }
  });

  test('more than one process without PostgreSQL or without Redis is refused, saying what to set', async () => {
    const embedded = await startServerExpectingExit({ WEB_CONCURRENCY: '2', PORT: '0' });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toContain('WEB_CONCURRENCY=2 needs DATABASE_URL');
    expect(embedded.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

    const withoutRedis = await startServerExpectingExit({
      WEB_CONCURRENCY: '2',
      PORT: '0',
      DATABASE_URL: POSTGRES_URL,
    });
    expect(withoutRedis.code).toBe(1);
    expect(withoutRedis.stderr).toContain('WEB_CONCURRENCY=2 needs REDIS_URL');
  });
});
