import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/connect.js';
import { UpstreamUnavailableError } from '../../errors.js';
import {
  answers,
  buildChat,
  countOf,
  createSession,
  openUnitDatabase,
  ScriptedGenerator,
  streamsUntilAborted,
} from '../../../test/support/chat-units.js';
import { ReplyAccounting } from './account.js';
import { Admission } from './admit.js';
import { persistPair } from './persist-pair.js';
import { ReplyLauncher } from './run-reply.js';
import { replyRunFactory } from '../reply/run.js';
import { speculate, type SpeculationOptions } from './speculative-reply.js';
import { createLogger } from '../../observability/logger.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

function setup(generator: ScriptedGenerator, breakerCooldownMs?: number) {
  const chat = buildChat(db, generator, { breakerCooldownMs });
  const { gateway, budgets, store, registry, conversations, personas, metrics } = chat;
  const launcher = new ReplyLauncher({
    createRun: replyRunFactory({ gateway, store, flushIntervalMs: 1000 }),
    accounting: new ReplyAccounting({
      registry,
      conversations,
      metrics,
      logger: createLogger({ level: 'silent', format: 'json' }),
    }),
    contextMessages: 20,
  });
  const options: SpeculationOptions = {
    enabled: true,
    admission: new Admission({ registry, gateway, budgets }),
    registry,
    conversations,
    launcher,
    personas,
    metrics,
  };
  return { ...chat, options };
}

async function knownSession(chat: ReturnType<typeof setup>) {
  const session = await createSession(db);
  chat.conversations.set(session.id, {
    userId: session.user_id,
    mode: 'general',
    sessionPrompt: 'S',
    history: [],
    clientMessageIds: [],
    leafId: null,
  });
  return { session, input: { userId: session.user_id, sessionId: session.id, content: 'Hi' } };
}

test('nothing is asked of Claude for a conversation this process does not know', async () => {
  const generator = new ScriptedGenerator(answers('x'));
  const chat = setup(generator);
  const session = await createSession(db);
  const input = { userId: session.user_id, sessionId: session.id, content: 'Hi' };
  expect(speculate(chat.options, input)).toBeUndefined();
  expect(speculate({ ...chat.options, enabled: false }, input)).toBeUndefined();
  expect(generator.calls).toHaveLength(0);
});

test('a speculation asks Claude at once with what the process remembers', async () => {
  const generator = new ScriptedGenerator(streamsUntilAborted());
  const chat = setup(generator);
  const { input } = await knownSession(chat);
  await chat.personas.load();
  const speculative = speculate(chat.options, input)!;
  expect(generator.calls).toMatchObject([
    {
      system: expect.stringMatching(/^You are Repruv AI.+\n\nS$/s),
      turns: [{ role: 'user', content: 'Hi' }],
    },
  ]);
  const target = speculative.target;
  expect(target.recordedAs.personaId).toMatch(/^[0-9a-f-]{36}$/); // the built-in "general" persona
  expect(speculative.matches(target, [], null)).toBe(true);
  expect(speculative.matches({ ...target, system: 'other' }, [], null)).toBe(false);
  expect(speculative.matches({ ...target, temperature: 0.2 }, [], null)).toBe(false);
  expect(
    speculative.matches(
      { ...target, recordedAs: { ...target.recordedAs, variantId: randomUUID() } },
      [],
      null,
    ),
  ).toBe(false);
  expect(speculative.matches({ ...target, model: 'claude-other' }, [], null)).toBe(false);
  expect(
    speculative.matches(target, [{ role: 'user', content: 'x', status: 'complete' }], null),
  ).toBe(false);
  // Another leaf, though the text is the same: another branch (or another instance switched).
  expect(speculative.matches(target, [], randomUUID())).toBe(false);
  speculative.cancel();
});

test('cancel() hands the breaker its permit back at once, once, and forgets the conversation', async () => {
  const generator = new ScriptedGenerator(streamsUntilAborted('unseen'));
  const chat = setup(generator, 0);
  const { input } = await knownSession(chat);
  chat.breaker.acquire().failed(); // open, and half-open at once: the speculation takes the trial
  const speculative = speculate(chat.options, input)!;
  expect(speculative).toBeDefined();
  expect(() => chat.breaker.acquire()).toThrow(UpstreamUnavailableError);

  speculative.cancel();
  speculative.cancel();
  chat.breaker.acquire().released(); // the trial is free again
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'cancelled' })).toBe(1);
  expect(chat.conversations.get(input.sessionId, input.userId)).toBeUndefined();
  expect(() => speculative.confirm(Promise.resolve())).toThrow();
});

test('confirm() gives the run its insert; again returns the same run, and cancel() then does nothing', async () => {
  const generator = new ScriptedGenerator(answers('Hello'));
  const chat = setup(generator);
  const { input } = await knownSession(chat);
  const speculative = speculate(chat.options, input)!;
  const stored = persistPair(
    db,
    input,
    speculative.ids,
    {
      model: 'claude-unit-test',
      recordedAs: speculative.target.recordedAs,
      ownerInstance: 'i',
      leaseExpiresAt: new Date(Date.now() + 10_000),
    },
    null,
  );
  const run = speculative.confirm(stored);
  expect(speculative.confirm(stored)).toBe(run);
  speculative.cancel();
  expect(await run.done).toMatchObject({
    id: speculative.ids.assistant,
    status: 'complete',
    content: 'Hello',
  });
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'used' })).toBe(1);
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'cancelled' })).toBe(0);
  expect(generator.calls).toHaveLength(1);
});
