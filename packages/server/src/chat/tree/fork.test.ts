import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/connect.js';
import { NotFoundError } from '../../errors.js';
import { createSession, openUnitDatabase } from '../../../test/support/chat-units.js';
import { alternating, insertBranch } from '../../../test/support/tree-rows.js';
import { FeedbackStore } from '../feedback.js';
import { checkForkable, forkSession } from './fork.js';

let db: Database;
beforeAll(async () => {
  db = await openUnitDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

test('a fork of a session deleted after its check answers 404 and leaves nothing', async () => {
  const session = await createSession(db);
  const ids = await insertBranch(db, session.id, alternating(4));
  const request = { userId: session.user_id, sessionId: session.id, messageId: ids[3]! };
  await checkForkable(db, request);
  await db('ai_chat_sessions').where({ id: session.id }).delete();
  await expect(forkSession(db, request)).rejects.toBeInstanceOf(NotFoundError);
  expect(await db('ai_chat_sessions').where({ user_id: session.user_id })).toEqual([]);
});

test('the copies are written root first, so that they read in order', async () => {
  const session = await createSession(db);
  const ids = await insertBranch(db, session.id, alternating(40));
  const forked = await forkSession(db, {
    userId: session.user_id,
    sessionId: session.id,
    messageId: ids[39]!,
  });
  const copies = await db('ai_chat_messages').where({ session_id: forked.id }).orderBy('seq');
  expect(copies.map((row) => row.content)).toEqual(alternating(40).map((row) => row.content));
});

test('a rating of a reply whose conversation is gone answers 404', async () => {
  const session = await createSession(db);
  const ids = await insertBranch(db, session.id, alternating(2));
  const store = new FeedbackStore(db, async () => {
    throw new NotFoundError('Message');
  });
  await db('ai_chat_sessions').where({ id: session.id }).delete();
  const input = { userId: session.user_id, messageId: ids[1]!, rating: 'up' as const };
  await expect(store.set({ ...input, comment: null, tags: [] })).rejects.toBeInstanceOf(
    NotFoundError,
  );
});
