import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { estimateCostUsd } from '../../src/llm/pricing.js';
import { expectError } from '../support/contract.js';
import { collectSse, messageBody, readJson, readSse } from '../support/http.js';
import { TEST_JWT_SECRET, useTestServer } from '../support/test-server.js';

const ORIGIN = 'https://shop.example';
const t = useTestServer({ BUDGET_USER_TOKENS_PER_DAY: '100', CLAUDE_CB_THRESHOLD: '100' });

/** A bearer token: the host's own (signed with the API secret) or a site's guest's. */
type Token = string;

const hostToken = (sub: string, claims: Record<string, unknown> = {}): Promise<Token> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));

async function aSite(settings: { daily_budget_usd?: number; fallback_model?: string }) {
  const site = await t.server.sites.add(`Shop ${randomUUID()}`, [ORIGIN]);
  await t.server.db('sites').where({ id: site.id }).update(settings);
  return site;
}

async function guestOf(site: { site_key: string }): Promise<Token> {
  const response = await fetch(`${t.api}/auth/guest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({ site_key: site.site_key }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

function call(token: Token, path: string, json?: unknown, method = 'POST'): Promise<Response> {
  return fetch(`${t.api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

async function sessionOf(token: Token): Promise<string> {
  return ((await readJson(await call(token, '/chat/sessions', {}))) as { id: string }).id;
}

const send = (token: Token, sessionId: string, content: string, clientMessageId?: string) =>
  call(token, '/chat/messages', messageBody(sessionId, content, clientMessageId));
const sendStreaming = (token: Token, sessionId: string, content: string) =>
  call(token, '/chat/messages?stream=true', messageBody(sessionId, content));

async function userIdOf(sessionId: string): Promise<string> {
  const row = (await t.server.db('ai_chat_sessions').where({ id: sessionId }).first()) as {
    user_id: string;
  };
  return row.user_id;
}

/** What the server holds of a user and a session, and how often Claude was asked. */
async function stateOf(sessionId: string) {
  const userId = await userIdOf(sessionId);
  return {
    messages: await t.server.db('ai_chat_messages').where({ session_id: sessionId }).orderBy('seq'),
    session: await t.server.db('ai_chat_sessions').where({ id: sessionId }).first(),
    ledger: await t.server.db('api_usage_log').where({ user_id: userId }).orderBy('created_at'),
    claudeCalls: t.claude.requests.length,
  };
}

/** 429 budget_exceeded, as SPEC says: scope, the next UTC midnight, Retry-After until then. */
async function expectBudgetExceeded(response: Response, scope: 'user' | 'site') {
  const retryAfter = Number(response.headers.get('retry-after'));
  const body = await expectError(response, 429, 'budget_exceeded');
  const midnight = new Date();
  midnight.setUTCHours(24, 0, 0, 0);
  expect(body.error.details).toEqual({ scope, resets_at: midnight.toISOString() });
  const expected = (midnight.getTime() - Date.now()) / 1000;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(Math.abs(retryAfter - expected)).toBeLessThan(10);
  return body;
}

async function refusedWithNothingStored(token: Token, sessionId: string, scope: 'user' | 'site') {
  const before = await stateOf(sessionId);
  await expectBudgetExceeded(await send(token, sessionId, 'one more'), scope);
  // Streaming asked for: still a JSON 429, before any SSE header.
  await expectBudgetExceeded(await sendStreaming(token, sessionId, 'one more'), scope);
  expect(await stateOf(sessionId)).toEqual(before);
}

describe('a user’s tokens a day (BUDGET_USER_TOKENS_PER_DAY=100)', () => {
  test('running over in the middle of a stream: the reply finishes and is counted, the next send is refused', async () => {
    const alice = await hostToken(`budget-${randomUUID()}`);
    const sessionId = await sessionOf(alice);
    t.claude.enqueue({
      kind: 'text',
      chunks: ['One ', 'long ', 'answer'],
      chunkDelayMs: 30,
      inputTokens: 40,
      outputTokens: 80,
    });
    const events = readSse(await sendStreaming(alice, sessionId, 'tell me everything'));
    expect((await events.next()).value!.event).toBe('message.created');
    expect((await events.next()).value!.data.text).toBe('One ');
    const rest: string[] = [];
    for await (const event of events) rest.push(event.event);
    expect(rest.at(-1)).toBe('message.completed');
    const { ledger } = await stateOf(sessionId);
    expect(ledger).toMatchObject([{ input_tokens: 40, output_tokens: 80, outcome: 'complete' }]);

    await refusedWithNothingStored(alice, sessionId, 'user');
    // Another session of the same user too; another user is not affected.
    await expectBudgetExceeded(await send(alice, await sessionOf(alice), 'hi'), 'user');
    const bob = await hostToken(`budget-${randomUUID()}`);
    expect((await send(bob, await sessionOf(bob), 'hi')).status).toBe(201);
  });

  test('a deleted session’s usage still counts', async () => {
    const carol = await hostToken(`budget-${randomUUID()}`);
    const first = await sessionOf(carol);
    t.claude.enqueue({ kind: 'text', chunks: ['ok'], inputTokens: 90, outputTokens: 10 });
    expect((await send(carol, first, 'spend it')).status).toBe(201);
    expect((await call(carol, `/chat/sessions/${first}`, undefined, 'DELETE')).status).toBe(204);
    await refusedWithNothingStored(carol, await sessionOf(carol), 'user');

    // Counted from the ledger too, not only by this process: a row whose session is long gone.
    const dave = await hostToken(`budget-${randomUUID()}`);
    const sessionId = await sessionOf(dave);
    await t.server.db('api_usage_log').insert({
      id: randomUUID(),
      user_id: await userIdOf(sessionId),
      model: 'claude-sonnet-5-5',
      input_tokens: 60,
      output_tokens: 40,
      outcome: 'stopped',
    });
    await expectBudgetExceeded(await send(dave, sessionId, 'hi'), 'user');
    // That first send found no total in this process yet, so it may have asked Claude early (a
    // speculative start): such a call is cancelled unseen and counted, and never stores a message.
    const after = await stateOf(sessionId);
    expect(after.messages).toEqual([]);
    expect(after.ledger.filter((row) => row.outcome !== 'cancelled')).toHaveLength(1);
    await refusedWithNothingStored(dave, sessionId, 'user');
  });

  test('a repeat that would regenerate a failed reply is refused; a stored pair still comes back', async () => {
    const erin = await hostToken(`budget-${randomUUID()}`);
    const sessionId = await sessionOf(erin);
    t.claude.enqueue({ kind: 'http-error', status: 400, errorType: 'invalid_request_error' });
    const failed = await send(erin, sessionId, 'first', 'c-1');
    const failedIds = (await expectError(failed, 502, 'upstream_error')).error.details;
    t.claude.enqueue({ kind: 'text', chunks: ['ok'], inputTokens: 90, outputTokens: 10 });
    const done = await readJson(await send(erin, sessionId, 'second', 'c-2'));

    const before = await stateOf(sessionId);
    await expectBudgetExceeded(await send(erin, sessionId, 'first', 'c-1'), 'user');
    expect(await stateOf(sessionId)).toEqual(before);
    expect(before.messages.find((m) => m.id === failedIds.assistant_message_id)?.status).toBe(
      'error',
    );
    const again = await send(erin, sessionId, 'second', 'c-2');
    expect(again.status).toBe(201);
    expect((await readJson(again)).assistant_message).toEqual(done.assistant_message);
  });
});

describe('a site’s US dollars a day (sites.daily_budget_usd)', () => {
  test('running over: every guest of the site is refused, the host’s own users are not', async () => {
    const site = await aSite({ daily_budget_usd: 0.001 });
    const guest = await guestOf(site);
    const sessionId = await sessionOf(guest);
    // At claude-sonnet-5-5's $2 / $10 per million tokens: $0.0012.
    t.claude.enqueue({ kind: 'text', chunks: ['Sure'], inputTokens: 100, outputTokens: 100 });
    const events = await collectSse(await sendStreaming(guest, sessionId, 'a question'));
    expect(events.at(-1)!.data.message).toMatchObject({ status: 'complete' });
    const [row] = (await stateOf(sessionId)).ledger;
    expect(row).toMatchObject({ site_id: site.id, model: 'claude-sonnet-5-5' });
    expect(Number(row.estimated_cost_usd)).toBeCloseTo(0.0012, 6);

    await refusedWithNothingStored(guest, sessionId, 'site');
    const other = await guestOf(site);
    await refusedWithNothingStored(other, await sessionOf(other), 'site');
    const host = await hostToken(`budget-${randomUUID()}`);
    expect((await send(host, await sessionOf(host), 'hi')).status).toBe(201);
  });

  test('with a fallback_model, the fallback answers instead, and says so', async () => {
    const site = await aSite({ daily_budget_usd: 0.001, fallback_model: 'claude-haiku-4-5' });
    const guest = await guestOf(site);
    const sessionId = await sessionOf(guest);
    t.claude.enqueue({ kind: 'text', chunks: ['Sure'], inputTokens: 100, outputTokens: 100 });
    const first = await readJson(await send(guest, sessionId, 'a question'));
    expect(first.assistant_message.model).toBe('claude-sonnet-5-5');

    t.claude.enqueue({ kind: 'text', chunks: ['Briefly'], inputTokens: 100, outputTokens: 50 });
    const second = await send(guest, sessionId, 'another');
    expect(second.status).toBe(201);
    const reply = (await readJson(second)).assistant_message;
    expect(reply).toMatchObject({ model: 'claude-haiku-4-5', content: 'Briefly' });
    expect(t.claude.requests.at(-1)!.body.model).toBe('claude-haiku-4-5');
    const stored = await t.server.db('ai_chat_messages').where({ id: reply.id }).first();
    expect(stored.model).toBe('claude-haiku-4-5');
    const ledger = await t.server.db('api_usage_log').where({ message_id: reply.id }).first();
    expect(ledger).toMatchObject({ model: 'claude-haiku-4-5', site_id: site.id });
    expect(Number(ledger.estimated_cost_usd)).toBeCloseTo(
      estimateCostUsd('claude-haiku-4-5', 100, 50),
      6,
    );

    // Streamed, the created frame already names it.
    const events = await collectSse(await sendStreaming(guest, sessionId, 'and streamed'));
    expect(events[0]!.data.assistant_message.model).toBe('claude-haiku-4-5');
    expect(events.at(-1)!.data.message).toMatchObject({ status: 'complete' });
    expect(t.claude.requests.at(-1)!.body.model).toBe('claude-haiku-4-5');
  });

  test('the user’s own budget spent on a site with a fallback: the fallback answers', async () => {
    const site = await aSite({ fallback_model: 'claude-haiku-4-5' });
    const guest = await guestOf(site);
    const sessionId = await sessionOf(guest);
    t.claude.enqueue({ kind: 'text', chunks: ['ok'], inputTokens: 90, outputTokens: 20 });
    expect((await readJson(await send(guest, sessionId, 'spend'))).assistant_message.model).toBe(
      'claude-sonnet-5-5',
    );
    const next = await readJson(await send(guest, sessionId, 'more'));
    expect(next.assistant_message.model).toBe('claude-haiku-4-5');
  });

  test('hostile: a budget of 0 refuses the first send, and Claude is never asked', async () => {
    const site = await aSite({ daily_budget_usd: 0 });
    const guest = await guestOf(site);
    await refusedWithNothingStored(guest, await sessionOf(guest), 'site');
  });

  test('hostile: a token naming a site that is not one is held to the user budget alone', async () => {
    for (const claim of ['not-a-uuid', randomUUID(), 12345, { id: 'x' }]) {
      const token = await hostToken(`budget-${randomUUID()}`, { site: claim });
      const sessionId = await sessionOf(token);
      const response = await send(token, sessionId, 'hi');
      expect(response.status, JSON.stringify(claim)).toBe(201);
      expect((await stateOf(sessionId)).ledger).toMatchObject([{ site_id: null }]);
      // Nor does the session take it as its site (the console's analytics count it as the host's).
      const session = await t.server.db('ai_chat_sessions').where({ id: sessionId }).first();
      expect(session.site_id).toBeNull();
    }
    // A real site's guest: the session is the site's.
    const site = await aSite({ daily_budget_usd: 100 });
    const sessionId = await sessionOf(await guestOf(site));
    const session = await t.server.db('ai_chat_sessions').where({ id: sessionId }).first();
    expect(session.site_id).toBe(site.id);
  });
});
