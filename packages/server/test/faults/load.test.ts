import { expect, test } from 'vitest';
import type { FakeReply, RecordedRequest } from '../support/fake-claude.js';
import {
  assertDatabaseConsistent,
  call,
  expectAlive,
  inBatches,
  openStream,
  sleep,
  unique,
  useFaultStack,
  type ServerProcess,
} from './support.js';

const USERS = 200;
const SENDS = 1000;
const FAIL_EVERY = 10; // every 10th upstream call fails with a 500: 10 %

let servers: ServerProcess[] = [];
let upstreamCalls = 0;
let upstreamFailures = 0;
let retries = 0;

const stack = useFaultStack('load', {
  fallback: (request: RecordedRequest): FakeReply => {
    upstreamCalls += 1;
    if (upstreamCalls % FAIL_EVERY === 0) {
      upstreamFailures += 1;
      return { kind: 'http-error', status: 500, errorType: 'api_error' };
    }
    const text = JSON.stringify(request.body?.messages?.at(-1)?.content ?? '').slice(1, 20);
    return { kind: 'text', chunks: ['Sure: ', text, '.'], chunkDelayMs: 0 };
  },
  setup: async ({ start }) => {
    const overrides = {
      RATE_LIMIT_MESSAGES_PER_MINUTE: '100000',
      CLAUDE_CB_THRESHOLD: '100000',
      CLAUDE_IDLE_TIMEOUT_MS: '30000',
      CHAT_FLUSH_MS: '250',
    };
    servers = await Promise.all([start('load-A', overrides), start('load-B', overrides)]);
  },
});

type Outcome = 'complete' | 'error' | `unexpected ${string}`;

/**
 * One client's send as a careful client makes it: a 503 (or a cut connection) is retried with the
 * same client_message_id; the outcome is what it was finally told.
 */
async function sendOnce(index: number, user: string, sessionId: string): Promise<Outcome> {
  const server = servers[index % 2]!;
  const streamed = index % 5 === 0;
  const json = {
    session_id: sessionId,
    content: `load message ${index}`,
    client_message_id: `load-${index}`,
  };
  for (let attempt = 0; attempt < 8; attempt += 1) {
    if (attempt > 0) {
      retries += 1;
      await sleep(500 * attempt);
    }
    try {
      if (streamed) {
        const stream = await openStream(server, '/chat/messages?stream=true', { as: user, json });
        if (stream.status === 503) continue;
        if (stream.status !== 200) return `unexpected ${stream.status}`;
        await stream.rest(120_000);
        const end = stream.terminal;
        if (end?.event === 'message.completed' && end.data.message.status === 'complete') {
          return 'complete';
        }
        if (end?.event === 'error' && end.data.error.code === 'upstream_error') return 'error';
        return `unexpected stream end ${JSON.stringify(end ?? stream.events.at(-1) ?? null)}`;
      }
      const response = await call(server, '/chat/messages', { as: user, json });
      if (response.status === 503) continue;
      if (response.status === 201) {
        const body = (await response.json()) as { assistant_message: { status: string } };
        return body.assistant_message.status === 'complete'
          ? 'complete'
          : `unexpected 201 ${body.assistant_message.status}`;
      }
      if (response.status === 502) return 'error';
      return `unexpected ${response.status} ${await response.text()}`;
    } catch (error) {
      if (attempt === 7) return `unexpected ${String(error)}`;
    }
  }
  return 'unexpected still 503 after retries';
}

test('1,000 concurrent sends from 200 users on two instances, 10 % upstream failures: the database matches what the clients were told', async () => {
  const run = unique();
  const users = Array.from({ length: USERS }, (_, i) => `load-${run}-${i}`);
  // One session per send (a session streams one reply at a time), made before the burst.
  const sessions = await inBatches(SENDS, 50, async (i) => {
    const response = await call(servers[i % 2]!, '/chat/sessions', {
      as: users[i % USERS]!,
      json: { title: `load ${i}` },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  });

  const outcomes = await Promise.all(
    sessions.map((sessionId, i) => sendOnce(i, users[i % USERS]!, sessionId)),
  );

  const unexpected = outcomes.filter((outcome) => outcome.startsWith('unexpected'));
  expect(unexpected.slice(0, 5), `${unexpected.length} unexpected outcomes`).toEqual([]);
  const told = {
    complete: outcomes.filter((outcome) => outcome === 'complete').length,
    error: outcomes.filter((outcome) => outcome === 'error').length,
  };
  expect(told.complete + told.error).toBe(SENDS);
  expect(told.error).toBeGreaterThan(0);
  expect(upstreamFailures).toBeGreaterThanOrEqual(told.error);

  const byStatus = await assertDatabaseConsistent(stack.db);
  expect(byStatus).toEqual({ complete: told.complete, error: told.error });
  const { rows } = await stack.db.pool.query(
    `SELECT count(*)::int AS messages, count(DISTINCT client_message_id)::int AS ids
     FROM ai_chat_messages WHERE role = 'user'`,
  );
  expect(rows[0]).toEqual({ messages: SENDS, ids: SENDS });
  for (const server of servers) expectAlive(server);
  console.info(
    `load: ${told.complete} complete, ${told.error} failed (502 / SSE error); ` +
      `${upstreamCalls} upstream calls, ${upstreamFailures} injected failures, ${retries} client retries`,
  );
});
