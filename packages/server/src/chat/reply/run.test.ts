import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { Database } from '../../db/connect.js';
import { CircuitBreaker } from '../../llm/circuit-breaker.js';
import { ClaudeGateway } from '../../llm/claude-gateway.js';
import {
  answers,
  createSession,
  openUnitDatabase,
  ScriptedGenerator,
  storeStreamingPair,
  streamsUntilAborted,
} from '../../../test/support/chat-units.js';
import type { ReplyEvent } from './events.js';
import { replyRunFactory, type ReplyRunHooks } from './run.js';
import { ReplyStore } from './store.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

function setup(generator: ScriptedGenerator) {
  const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 60_000 });
  const gateway = new ClaudeGateway(generator, breaker);
  const create = replyRunFactory({
    gateway,
    store: new ReplyStore(db, 10_000),
    flushIntervalMs: 50,
  });
  const finished: Array<{ status: string | undefined; error: unknown }> = [];
  const hooks: ReplyRunHooks = {
    onFinished: (_run, message, _usage, error) => finished.push({ status: message?.status, error }),
    onOrphaned: () => undefined,
    onError: () => undefined,
  };
  return { breaker, gateway, create, hooks, finished };
}

/** What a run is built from: one user turn "Hi" of `session`, its pair stored, unless told otherwise. */
function runInput(
  session: { id: string; user_id: string },
  messageId: string,
  fields: { system?: string; stored?: Promise<void> } = {},
) {
  return {
    messageId,
    sessionId: session.id,
    userId: session.user_id,
    siteId: undefined,
    model: 'claude-unit-test',
    system: fields.system ?? '',
    turns: [{ role: 'user' as const, content: 'Hi' }],
    stored: fields.stored ?? Promise.resolve(),
  };
}

async function drain(feed: AsyncIterable<ReplyEvent>): Promise<ReplyEvent[]> {
  const events: ReplyEvent[] = [];
  for await (const event of feed) events.push(event);
  return events;
}

test('a run calls Claude only once started, once however often start() is called', async () => {
  const generator = new ScriptedGenerator(answers('Hello', ' world'));
  const { create, hooks, breaker, finished } = setup(generator);
  const session = await createSession(db);
  const { assistantMessageId } = await storeStreamingPair(db, session);
  const run = create(
    runInput(session, assistantMessageId, { system: 'Be brief.' }),
    breaker.acquire(),
    hooks,
  );
  const feed = run.subscribe(0);
  expect(generator.calls).toHaveLength(0);

  const done = run.start();
  expect(run.start()).toBe(done);
  const message = await done;
  expect(generator.calls).toHaveLength(1);
  expect(generator.calls[0]).toMatchObject({
    system: 'Be brief.',
    turns: [{ role: 'user', content: 'Hi' }],
  });
  expect(message).toMatchObject({ status: 'complete', content: 'Hello world', tokens: 3 });
  expect(finished).toEqual([{ status: 'complete', error: undefined }]);
  const events = await drain(feed);
  expect(events.map((event) => event.type)).toEqual(['delta', 'completed']);
  const ledger = await db('api_usage_log').where({ message_id: assistantMessageId });
  expect(ledger).toMatchObject([{ outcome: 'complete', input_tokens: 7, output_tokens: 3 }]);
});

test('a run whose pair was never stored is aborted unseen and accounted as cancelled', async () => {
  const generator = new ScriptedGenerator(streamsUntilAborted('secret'));
  const { create, hooks, breaker, finished } = setup(generator);
  const session = await createSession(db);
  const run = create(
    runInput(session, '00000000-0000-4000-8000-000000000001', {
      stored: Promise.reject(new Error('refused')),
    }),
    breaker.acquire(),
    hooks,
  );
  expect(await run.start()).toBeUndefined();
  expect(finished).toEqual([{ status: undefined, error: undefined }]);
  await vi.waitFor(async () => {
    const ledger = await db('api_usage_log').where({ user_id: session.user_id });
    expect(ledger).toMatchObject([{ outcome: 'cancelled', session_id: null, message_id: null }]);
  });
  expect(breaker.state).toBe('closed');
});

test('stop() keeps the text so far and marks the reply stopped', async () => {
  const generator = new ScriptedGenerator(streamsUntilAborted('Part'));
  const { create, hooks, breaker } = setup(generator);
  const session = await createSession(db);
  const { assistantMessageId } = await storeStreamingPair(db, session);
  const run = create(runInput(session, assistantMessageId), breaker.acquire(), hooks);
  void run.start();
  expect(run.content).toBe('Part');
  const stopped = await run.stop('user');
  expect(stopped).toMatchObject({ status: 'stopped', content: 'Part', stop_reason: 'user' });
});

test('a failed call finishes the reply as error and tells its followers', async () => {
  const generator = new ScriptedGenerator(() => Promise.reject(new Error('bad request')));
  const { create, hooks, breaker, finished } = setup(generator);
  const session = await createSession(db);
  const { assistantMessageId } = await storeStreamingPair(db, session);
  const run = create(runInput(session, assistantMessageId), breaker.acquire(), hooks);
  const feed = run.subscribe(0);
  const message = await run.start();
  expect(message).toMatchObject({ status: 'error' });
  expect(finished[0]?.error).toBeInstanceOf(Error);
  expect(run.failureReport).toBeDefined();
  const events = await drain(feed);
  expect(events).toMatchObject([{ type: 'error', error: { code: 'upstream_error' } }]);
});
