import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../db/connect.js';
import type { ChatSession } from '../../db/models/index.js';
import { InvalidRequestError, NotFoundError } from '../../errors.js';
import { createSession, openUnitDatabase } from '../../../test/support/chat-units.js';
import { alternating, insertBranch } from '../../../test/support/tree-rows.js';
import { BranchQueries } from './branch-queries.js';
import {
  BRANCH_HISTORY_SQL,
  CURRENT_BRANCH_PAGE_SQL,
  LEAF_PAGE_SQL,
  PAGE_BEFORE_SQL,
} from './branch-sql.js';

let db: Database;
let queries: BranchQueries;
let session: ChatSession;
let other: ChatSession;
/** main0 … main5, the first branch; alt: a second answer to main1's reply; late: after main5. */
let main: string[];
let alt: string[];
let late: string[];

beforeAll(async () => {
  db = await openUnitDatabase();
  queries = new BranchQueries(db, 4);
  session = await createSession(db);
  other = await createSession(db);
  main = await insertBranch(db, session.id, alternating(6, 'main'));
  alt = await insertBranch(db, session.id, alternating(2, 'alt'), main[1]);
  late = await insertBranch(db, session.id, alternating(2, 'late'), main[5]);
  await insertBranch(db, other.id, alternating(2, 'other'));
});
afterAll(async () => {
  await db?.destroy();
});

const contents = (page: { data: Array<{ content: string }> }) => page.data.map((m) => m.content);
const page = (request: { limit?: number; before?: string; leaf?: string }) =>
  queries.page(session.user_id, session.id, { limit: 50, ...request });

describe('a page of a branch', () => {
  test('is the current branch, root first, with no other branch in it', async () => {
    const current = await page({});
    expect(contents(current)).toEqual([
      'main0',
      'main1',
      'main2',
      'main3',
      'main4',
      'main5',
      'late0',
      'late1',
    ]);
    expect(current.has_more).toBe(false);
  });

  test('names the siblings of each message, oldest first, itself included', async () => {
    const current = await page({});
    expect(current.data[2]!.sibling_ids).toEqual([main[2], alt[0]]);
    expect(current.data[0]!.sibling_ids).toEqual([main[0]]);
    expect(current.data[7]!.sibling_ids).toEqual([late[1]]);
    expect(current.data.map((m) => m.parent_id)).toEqual([null, ...main, late[0]]);
  });

  test('with `leaf`, follows the newest child at each step, not the newest message below', async () => {
    // main1's newest child is alt0 (written after main2), though late1 is the newest message below.
    expect(contents(await page({ leaf: main[1]! }))).toEqual(['main0', 'main1', 'alt0', 'alt1']);
    expect(contents(await page({ leaf: main[3]! })).slice(-2)).toEqual(['late0', 'late1']);
    expect(contents(await page({ leaf: alt[1]! }))).toEqual(['main0', 'main1', 'alt0', 'alt1']);
  });

  test('is paged by `before` through the ancestors, down to the root', async () => {
    const newest = await page({ limit: 3 });
    expect([contents(newest), newest.has_more]).toEqual([['main5', 'late0', 'late1'], true]);
    const older = await page({ limit: 3, before: newest.data[0]!.id });
    expect([contents(older), older.has_more]).toEqual([['main2', 'main3', 'main4'], true]);
    const oldest = await page({ limit: 3, before: older.data[0]!.id });
    expect([contents(oldest), oldest.has_more]).toEqual([['main0', 'main1'], false]);
    expect(await page({ limit: 3, before: main[0]! })).toEqual({ data: [], has_more: false });
    // `before` taken from another branch's page continues that branch.
    expect(contents(await page({ before: alt[1]! }))).toEqual(['main0', 'main1', 'alt0']);
  });

  test('of an empty session is empty', async () => {
    const empty = await createSession(db);
    expect(await queries.page(empty.user_id, empty.id, { limit: 5 })).toEqual({
      data: [],
      has_more: false,
    });
  });

  test('carries the feedback of the replies in it', async () => {
    const updatedAt = new Date('2026-01-02T03:04:05.000Z');
    await db('ai_message_feedback').insert({
      message_id: main[1],
      user_id: session.user_id,
      session_id: session.id,
      rating: 'down',
      comment: 'vague',
      tags: ['too long', 'wrong'],
      updated_at: updatedAt,
    });
    const current = await page({});
    expect(current.data[1]!.feedback).toEqual({
      rating: 'down',
      comment: 'vague',
      tags: ['too long', 'wrong'],
      updated_at: updatedAt.toISOString(),
    });
    expect(current.data[3]!.feedback).toBeNull();
    await db('ai_message_feedback').where({ message_id: main[1] }).delete();
  });

  test('refuses a `before` or a `leaf` of another session, and another user', async () => {
    const foreign = (await db('ai_chat_messages').where({ session_id: other.id }).first()).id;
    await expect(page({ before: foreign })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(page({ before: randomUUID() })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(page({ leaf: foreign })).rejects.toBeInstanceOf(NotFoundError);
    await expect(queries.page(other.user_id, session.id, { limit: 5 })).rejects.toThrow(
      'Session not found',
    );
  });
});

describe('the history of a branch, for Claude', () => {
  const history = (anchor?: string | null, userId = session.user_id) =>
    queries.branchHistory({ userId, sessionId: session.id, anchor });

  test("is the current branch's newest CHAT_CONTEXT_MESSAGES, oldest first", async () => {
    const turns = await history();
    expect(turns.map((turn) => turn.content)).toEqual(['main4', 'main5', 'late0', 'late1']);
    expect(turns.map((turn) => turn.id)).toEqual([main[4], main[5], late[0], late[1]]);
  });

  test('ends with the given message, on its own branch', async () => {
    expect((await history(alt[0])).map((turn) => turn.content)).toEqual(['main0', 'main1', 'alt0']);
  });

  test('is empty for a new root, a message of another session, or another user', async () => {
    expect(await history(null)).toEqual([]);
    const foreign = (await db('ai_chat_messages').where({ session_id: other.id }).first()).id;
    expect(await history(foreign)).toEqual([]);
    expect(await history(undefined, other.user_id)).toEqual([]);
    expect(await history(main[2], other.user_id)).toEqual([]);
  });
});

test('`leaf` reads down to the newest descendant: the newest child at each step', async () => {
  const leafOf = async (leaf: string) => (await page({ leaf })).data.at(-1)?.id;
  expect(await leafOf(main[0]!)).toBe(alt[1]);
  expect(await leafOf(main[2]!)).toBe(late[1]);
  expect(await leafOf(late[1]!)).toBe(late[1]);
  await expect(
    queries.page(other.user_id, session.id, { limit: 5, leaf: main[0]! }),
  ).rejects.toBeInstanceOf(NotFoundError);
});

test('the statements prepared by name select named columns, never `*`', () => {
  // A prepared `*` fails with "cached plan must not change result type" once a migration adds a
  // column while the server runs (db/named-statements.ts).
  for (const sql of [CURRENT_BRANCH_PAGE_SQL, PAGE_BEFORE_SQL, LEAF_PAGE_SQL, BRANCH_HISTORY_SQL]) {
    expect(sql).not.toMatch(/(SELECT|,)\s*(\w+\.)?\*/);
  }
});
