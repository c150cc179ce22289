import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/connect.js';
import Anthropic from '@anthropic-ai/sdk';
import {
  ConflictError,
  NotFoundError,
  UpstreamError,
  UpstreamUnavailableError,
} from '../../errors.js';
import {
  answers,
  buildChat,
  countOf,
  openUnitDatabase,
  ScriptedGenerator,
  streamsUntilAborted,
  USAGE,
} from '../../../test/support/chat-units.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

async function userId(): Promise<string> {
  const id = randomUUID();
  await db('users').insert({ id, external_id: id });
  return id;
}

test('a send to a conversation this process knows uses the call it made before the reads', async () => {
  const generator = new ScriptedGenerator(answers('Hello'));
  const chat = buildChat(db, generator);
  const user = await userId();
  const session = await chat.sessions.create(user, {});
  const pair = await chat.messages.send({ userId: user, sessionId: session.id, content: 'Hi' });
  const finished = await chat.messages.awaitReply(pair);
  expect(finished.assistantMessage).toMatchObject({ status: 'complete', content: 'Hello' });
  expect(generator.calls).toHaveLength(1);
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'used' })).toBe(1);
  // What it saw is remembered: the next send speculates again, with the whole conversation.
  await chat.messages.awaitReply(
    await chat.messages.send({ userId: user, sessionId: session.id, content: 'More' }),
  );
  expect(generator.calls[1]?.turns).toEqual([
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello' },
    { role: 'user', content: 'More' },
  ]);
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'used' })).toBe(2);
});

test('a wrong guess is cancelled, and Claude is asked again with what the database holds', async () => {
  const generator = new ScriptedGenerator(answers('Right'));
  const chat = buildChat(db, generator);
  const user = await userId();
  const session = await chat.sessions.create(user, {});
  chat.conversations.set(session.id, {
    userId: user,
    mode: 'ideas', // the session's is general: another prompt
    sessionPrompt: null,
    history: [],
    clientMessageIds: [],
    leafId: null,
  });
  const pair = await chat.messages.send({ userId: user, sessionId: session.id, content: 'Hi' });
  expect((await chat.messages.awaitReply(pair)).assistantMessage.content).toBe('Right');
  expect(generator.calls).toHaveLength(2);
  expect(generator.calls[0]?.signal.aborted).toBe(true);
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'cancelled' })).toBe(1);
  expect(await countOf(chat.metrics.speculativeStarts, { outcome: 'used' })).toBe(0);
});

test('with speculation off, Claude is asked only once the pair is committed', async () => {
  let storedAtCall: number | undefined;
  const chat = buildChat(
    db,
    new ScriptedGenerator(async (request) => {
      const rows = await db('ai_chat_messages').where({ session_id: session.id });
      storedAtCall = rows.length;
      request.onText('ok');
      return USAGE;
    }),
    { callBeforeStored: false },
  );
  const user = await userId();
  const session = await chat.sessions.create(user, {});
  await chat.messages.awaitReply(
    await chat.messages.send({ userId: user, sessionId: session.id, content: 'Hi' }),
  );
  expect(storedAtCall).toBe(2);
});

test('a repeated client_message_id returns the stored pair without asking Claude again', async () => {
  const generator = new ScriptedGenerator(answers('Once'));
  const chat = buildChat(db, generator);
  const user = await userId();
  const session = await chat.sessions.create(user, {});
  const input = { userId: user, sessionId: session.id, content: 'Hi', clientMessageId: 'c-1' };
  const first = await chat.messages.awaitReply(await chat.messages.send(input));
  const again = await chat.messages.send(input);
  expect(again.assistantMessage).toMatchObject({ id: first.assistantMessage.id, content: 'Once' });
  expect(generator.calls).toHaveLength(1);
  await expect(chat.messages.send({ ...input, content: 'Other' })).rejects.toThrow(ConflictError);
});

test('admit: a second send while a reply streams is 409, and an open circuit is 503', async () => {
  const chat = buildChat(db, new ScriptedGenerator(streamsUntilAborted('...')));
  const user = await userId();
  const session = await chat.sessions.create(user, {});
  const input = { userId: user, sessionId: session.id, content: 'Hi' };
  const streaming = await chat.messages.send(input);
  await expect(chat.messages.send(input)).rejects.toThrow(ConflictError);
  await chat.messages.stop(user, streaming.assistantMessage.id);

  chat.breaker.acquire().failed();
  await expect(chat.messages.send(input)).rejects.toThrow(UpstreamUnavailableError);
  const rows = await db('ai_chat_messages').where({ session_id: session.id });
  expect(rows).toHaveLength(2);
});

test('admit: the send whose own call meets Claude’s 429 fails as that call; the next waits with 503', async () => {
  const generator = new ScriptedGenerator(async (request) => {
    await new Promise((resolve) => setTimeout(resolve, 5)); // Claude's answer takes a round trip
    request.onRateLimited?.(30_000);
    throw new Anthropic.RateLimitError(
      429,
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      'slow down',
      new Headers({ 'retry-after': '30' }),
    );
  });
  const chat = buildChat(db, generator);
  const user = await userId();
  const session = await chat.sessions.create(user, {});
  const input = { userId: user, sessionId: session.id, content: 'Hi' };
  // Speculated (the conversation is known): the early call is the one that meets the 429.
  const pair = await chat.messages.send(input);
  await expect(chat.messages.awaitReply(pair)).rejects.toThrow(UpstreamError);

  const refused = await chat.messages.send({ ...input, content: 'Again' }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(UpstreamUnavailableError);
  expect(refused).toMatchObject({ retryAfterSeconds: 30 });
  expect((refused as Error).message).toMatch(/Claude is at its rate limit/);
  expect(generator.calls).toHaveLength(1);
  expect(await db('ai_chat_messages').where({ session_id: session.id })).toHaveLength(2);
  expect(chat.breaker.state).toBe('closed');
});

test('resolve: a session of another user is not found, even with a repeat that would conflict', async () => {
  const chat = buildChat(db, new ScriptedGenerator(answers('x')));
  const owner = await userId();
  const session = await chat.sessions.create(owner, {});
  const input = { userId: owner, sessionId: session.id, content: 'Hi', clientMessageId: 'c' };
  await chat.messages.awaitReply(await chat.messages.send(input));
  const other = await userId();
  await expect(chat.messages.send({ ...input, userId: other, content: 'Else' })).rejects.toThrow(
    NotFoundError,
  );
});
