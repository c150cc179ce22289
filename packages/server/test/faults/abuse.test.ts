import { expect, test } from 'vitest';
import { hammerAsGuests } from '../support/hostile-guests.js';
import { readSse } from '../support/http.js';
import {
  assertDatabaseConsistent,
  createSession,
  expectAlive,
  openStream,
  unique,
  useFaultStack,
  waitFor,
  type ServerProcess,
} from './support.js';

const GUESTS = 50;
// Within the signed-in user's own daily budget: 8 calls of 420 tokens (titles come from words, not Claude).
const SIGNED_IN_SENDS = 8;

let servers: ServerProcess[] = [];
const stack = useFaultStack('abuse', {
  // Every reply streams for about a second, so that the guests' streams are live at once.
  fallback: () => ({
    kind: 'text',
    chunks: Array.from({ length: 20 }, (_, i) => `word${i} `),
    chunkDelayMs: 50,
    inputTokens: 400,
  }),
  setup: async ({ start }) => {
    // The limits as shipped, except a daily token budget small enough to be reached in the run;
    // behind one proxy, so that each guest has an address of its own.
    const settings = {
      TRUST_PROXY: '1',
      BUDGET_USER_TOKENS_PER_DAY: '5000',
      STREAMS_PER_USER: '4',
      SESSIONS_PER_USER_PER_HOUR: '60',
      CONNECTIONS_PER_IP: '0',
      CLAUDE_CB_THRESHOLD: '100000',
      // Fake Claude shares this process with the 55 guests: its chunks can lag the suite's 1.5 s.
      CLAUDE_IDLE_TIMEOUT_MS: '30000',
    };
    servers = await Promise.all([start('abuse-A', settings), start('abuse-B', settings)]);
  },
});

/** The signed-in user of the host site (the host's own token) chatting as anyone would. */
async function chatNormally(user: string): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < SIGNED_IN_SENDS; i++) {
    const server = servers[i % 2]!;
    const sessionId = await createSession(server, user);
    const stream = await openStream(server, '/chat/messages?stream=true', {
      as: user,
      json: { session_id: sessionId, content: `signed-in question ${i}` },
    });
    if (stream.status !== 200) {
      outcomes.push(`HTTP ${stream.status} ${await stream.response.text()}`);
      continue;
    }
    await stream.rest(60_000);
    const end = stream.terminal;
    outcomes.push(
      end?.event === 'message.completed'
        ? end.data.message.status
        : `ended ${end?.event} ${JSON.stringify(end?.data?.error ?? null)}`,
    );
  }
  return outcomes;
}

test('50 guests hammer two instances while a signed-in user chats: every refusal is a clear error, the user is served, nothing is lost', async () => {
  const stop = new AbortController();
  const hammer = hammerAsGuests({
    api: servers[0]!.api,
    siteKey: 'pk_dev',
    origin: 'http://localhost:5173',
    guests: GUESTS,
    addressOf: (guest) => `203.0.113.${guest + 1}`,
    signal: stop.signal,
  });
  const otherInstance = hammerAsGuests({
    api: servers[1]!.api,
    siteKey: 'pk_dev',
    origin: 'http://localhost:5173',
    guests: 5,
    addressOf: (guest) => `198.51.100.${guest + 1}`,
    signal: stop.signal,
  });

  const signedIn = await chatNormally(`signed-in-${unique()}`);
  stop.abort();
  const [report, other] = await Promise.all([hammer, otherInstance]);

  expect(signedIn).toEqual(Array.from({ length: SIGNED_IN_SENDS }, () => 'complete'));
  expect(report.unclear.slice(0, 5), `${report.unclear.length} unclear refusals`).toEqual([]);
  expect(other.unclear).toEqual([]);
  expect(report.serverErrors.slice(0, 5)).toEqual([]);
  expect(other.serverErrors).toEqual([]);

  const answered = (prefix: string) =>
    Object.entries(report.answers)
      .filter(([key]) => key.startsWith(prefix))
      .reduce((sum, [, n]) => sum + n, 0);
  // Each limit the guests ran into said so with its own code.
  expect(answered('POST /auth/guest 429 rate_limited')).toBeGreaterThan(0);
  expect(answered('POST /auth/guest 200')).toBeLessThanOrEqual(GUESTS * 10 * 2);
  expect(
    answered('GET /chat/messages/{id}/stream 429 rate_limited') + // each user's live streams
      answered('GET /chat/messages/{id}/stream 503 overloaded'), // or shed before them
  ).toBeGreaterThan(0);
  expect(
    answered('POST /chat/messages 429 budget_exceeded') +
      answered('POST /chat/messages 429 rate_limited') +
      answered('POST /chat/messages 503 overloaded'), // shed while the server was under pressure
  ).toBeGreaterThan(0);

  // The guests left mid-stream: their replies go on for the orphan grace, then stop, text kept.
  await waitFor(
    async () => {
      const { rows } = await stack.db.pool.query(
        `SELECT count(*)::int AS n FROM ai_chat_messages WHERE status = 'streaming'`,
      );
      return rows[0].n === 0;
    },
    30_000,
    'every abandoned reply finished',
  );
  await assertDatabaseConsistent(stack.db);
  for (const server of servers) expectAlive(server);
  console.info(
    `abuse: ${report.requests + other.requests} guest requests; answers ${JSON.stringify(report.answers)}`,
  );
});

test('a guest over its daily budget is refused before anything is stored, with when it resets', async () => {
  const server = servers[0]!;
  const headers = {
    Origin: 'http://localhost:5173',
    'Content-Type': 'application/json',
    'X-Forwarded-For': '192.0.2.77',
  };
  const minted = await fetch(`${server.api}/auth/guest`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ site_key: 'pk_dev' }),
  });
  expect(minted.status).toBe(200);
  const { token } = (await minted.json()) as { token: string };
  const auth = { ...headers, Authorization: `Bearer ${token}` };
  let session = await fetch(`${server.api}/chat/sessions`, {
    method: 'POST',
    headers: auth,
    body: '{}',
  });
  for (let tries = 0; session.status === 503 && tries < 10; tries++) {
    // Shed while the flood before is still felt: an anonymous guest waits, as the SDK would.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    session = await fetch(`${server.api}/chat/sessions`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
  }
  expect(session.status).toBe(201);
  const { id: sessionId } = (await session.json()) as { id: string };

  let refused: Response | undefined;
  for (let i = 0; i < 40 && !refused; i++) {
    const response = await fetch(`${server.api}/chat/messages?stream=true`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ session_id: sessionId, content: `spend ${i}` }),
    });
    if (response.status === 200) for await (const _event of readSse(response));
    else if (response.status === 503) {
      // Still under pressure from the flood before: an anonymous guest waits, as the SDK would.
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe('overloaded');
      await new Promise((resolve) =>
        setTimeout(resolve, Number(response.headers.get('retry-after')) * 1000),
      );
    } else refused = response;
  }
  expect(refused?.status).toBe(429);
  const body = (await refused!.json()) as {
    error: { code: string; details: { scope: string; resets_at: string } };
  };
  expect(body.error.code).toBe('budget_exceeded');
  expect(body.error.details.scope).toBe('user');
  const resetsAt = new Date(body.error.details.resets_at);
  expect(resetsAt.getUTCHours()).toBe(0);
  expect(resetsAt.getTime()).toBeGreaterThan(Date.now());
  expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
  const { rows } = await stack.db.pool.query(
    `SELECT count(*)::int AS n FROM ai_chat_messages WHERE session_id = $1 AND role = 'user'`,
    [sessionId],
  );
  // Every stored question got its reply; the refused one was never stored.
  const replies = await stack.db.pool.query(
    `SELECT count(*)::int AS n FROM ai_chat_messages WHERE session_id = $1 AND role = 'assistant' AND status = 'complete'`,
    [sessionId],
  );
  expect(rows[0].n).toBe(replies.rows[0].n);
});
