import { describe, expect, test } from 'vitest';
import { BRANCH_PAGE_SQL } from '../../src/chat/tree/branch-sql.js';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  expectSession,
  insertChain,
  sendMessage,
} from '../support/contract.js';
import { eventually, readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
import { sendAfter } from '../support/tree-api.js';
import { alternating } from '../support/tree-rows.js';

const t = useTestServer();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const contents = (page: any): string[] => page.data.map((m: { content: string }) => m.content);
const history = async (sessionId: string, query = '', as = 'alice') =>
  readJson(await t.request(`/chat/messages/${sessionId}${query}`, { as }));

/** main0 … main5 on the first branch, then a second answer after main1 (alt0, alt1): current. */
async function forkedSession(as = 'alice') {
  const session = await createSession(t, as);
  const main = await insertChain(t, session.id, alternating(6, 'main'));
  const alt = await insertChain(t, session.id, alternating(2, 'alt'), main[1]);
  return { session, main, alt };
}

describe('GET /chat/messages/{session_id} reads one branch', () => {
  test('the current branch, root to leaf, with each message as the contract says', async () => {
    const { session, main, alt } = await forkedSession();
    const page = await history(session.id);
    expect(contents(page)).toEqual(['main0', 'main1', 'alt0', 'alt1']);
    page.data.forEach(expectMessage);
    expect(page.data[2].sibling_ids).toEqual([main[2], alt[0]]);
    expect(page.data[2].parent_id).toBe(main[1]);
  });

  test('`leaf` reads the branch through a message without switching to it', async () => {
    const { session, main } = await forkedSession();
    const other = await history(session.id, `?leaf=${main[3]}`);
    expect(contents(other)).toEqual(['main0', 'main1', 'main2', 'main3', 'main4', 'main5']);
    expect(contents(await history(session.id))).toEqual(['main0', 'main1', 'alt0', 'alt1']);
    const stored = await readJson(await t.request(`/chat/sessions/${session.id}`));
    expect(stored.current_message_id).not.toBe(main[5]);
  });

  test('`before` pages a 120-message branch down to its root, never leaving it', async () => {
    const session = await createSession(t);
    const main = await insertChain(t, session.id, alternating(120, 'deep'));
    await insertChain(t, session.id, alternating(4, 'side'), main[59]);
    const seen: string[] = [];
    let query = `?limit=50&leaf=${main[119]}`;
    for (;;) {
      const page = await history(session.id, query);
      seen.unshift(...contents(page));
      if (!page.has_more) break;
      query = `?limit=50&before=${page.data[0].id}`;
    }
    expect(seen).toEqual(alternating(120, 'deep').map((row) => row.content));
  });

  test('a `leaf` that is not a message of this session answers 404; a bad one 400', async () => {
    const { session } = await forkedSession();
    const elsewhere = await forkedSession();
    const ofBob = await forkedSession('bob');
    for (const leaf of [elsewhere.main[1], ofBob.main[1], MISSING_ID]) {
      await expectError(
        await t.request(`/chat/messages/${session.id}?leaf=${leaf}`),
        404,
        'not_found',
      );
    }
    for (const leaf of ['nope', '', `${elsewhere.main[1]}&leaf=${elsewhere.main[2]}`]) {
      await expectError(
        await t.request(`/chat/messages/${session.id}?leaf=${leaf}`),
        400,
        'invalid_request',
      );
    }
    // Another user's session, whatever the leaf: 404.
    await expectError(
      await t.request(`/chat/messages/${ofBob.session.id}?leaf=${ofBob.main[1]}`),
      404,
      'not_found',
    );
  });

  test('a `before` of another branch continues that branch; of another session, 400', async () => {
    const { session, main } = await forkedSession();
    expect(contents(await history(session.id, `?before=${main[4]}`))).toEqual([
      'main0',
      'main1',
      'main2',
      'main3',
    ]);
    const elsewhere = await forkedSession();
    await expectError(
      await t.request(`/chat/messages/${session.id}?before=${elsewhere.main[2]}`),
      400,
      'invalid_request',
    );
    // `before` decides the page, a `leaf` sent along (as a paging client keeps it) changes nothing.
    expect(contents(await history(session.id, `?leaf=${main[5]}&before=${main[2]}`))).toEqual([
      'main0',
      'main1',
    ]);
    // A root has nothing before it; another user's session is 404 whatever `before` is.
    expect(await history(session.id, `?before=${main[0]}`)).toEqual({ data: [], has_more: false });
    const ofBob = await forkedSession('bob');
    await expectError(
      await t.request(`/chat/messages/${ofBob.session.id}?before=${ofBob.main[2]}`),
      404,
      'not_found',
    );
  });

  test('sends continue the current branch: each pair after the last', async () => {
    const session = await createSession(t);
    const first = await sendMessage(t, session.id, 'one');
    const second = await sendMessage(t, session.id, 'two');
    expect(first.user_message.parent_id).toBeNull();
    expect(first.assistant_message.parent_id).toBe(first.user_message.id);
    expect(second.user_message.parent_id).toBe(first.assistant_message.id);
    const stored = await readJson(await t.request(`/chat/sessions/${session.id}`));
    expect(stored.current_message_id).toBe(second.assistant_message.id);
    expect(contents(await history(session.id))).toEqual([
      'one',
      'You said: one',
      'two',
      'You said: two',
    ]);
  });
});

test('a page is read through the primary key and the sibling index, not by scanning', async () => {
  // A long session, so that the planner knows one session's rows are many.
  const session = await createSession(t);
  const deep = await insertChain(t, session.id, alternating(1000, 'long'));
  await t.server.db.raw('ANALYZE ai_chat_messages');
  const plan = await t.server.db.transaction(async (trx) => {
    await trx.raw('SET LOCAL enable_seqscan = off');
    const { rows } = (await trx.raw(`EXPLAIN ${BRANCH_PAGE_SQL}`, [deep[999], session.id, 50])) as {
      rows: Array<{ 'QUERY PLAN': string }>;
    };
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
  expect(plan).toContain('ai_chat_messages_pkey');
  expect(plan).toContain('ai_chat_messages_sibling_idx');
  expect(plan).not.toMatch(/Seq Scan on ai_chat_messages/);
});

const patch = (sessionId: string, json: unknown, as = 'alice') =>
  t.request(`/chat/sessions/${sessionId}`, { method: 'PATCH', json, as });

describe('PATCH /chat/sessions/{id} with current_message_id switches branch', () => {
  test('to the newest descendant, following the newest child at each step', async () => {
    const { session, main, alt } = await forkedSession();
    // Written last, below main2: the newest message under main1, but not under its newest child.
    const late = await insertChain(t, session.id, alternating(2, 'late'), main[5]);
    const switched = await readJson(await patch(session.id, { current_message_id: main[1] }));
    expectSession(switched);
    expect(switched.current_message_id).toBe(alt[1]);
    expect(
      (await readJson(await patch(session.id, { current_message_id: main[2] }))).current_message_id,
    ).toBe(late[1]);
    expect(contents(await history(session.id)).slice(-3)).toEqual(['main5', 'late0', 'late1']);
  });

  test('any message will do: a root, a user message, a reply, a leaf', async () => {
    const { session, main, alt } = await forkedSession();
    const expected = [
      [main[0], alt[1]],
      [main[4], main[5]],
      [main[5], main[5]],
      [alt[0], alt[1]],
    ];
    for (const [target, leaf] of expected) {
      const response = await patch(session.id, { current_message_id: target });
      expect(response.status).toBe(200);
      expect((await readJson(response)).current_message_id).toBe(leaf);
    }
  });

  test('with a title in the same request; the session moves up the list', async () => {
    const { session, main } = await forkedSession();
    await createSession(t);
    const switched = await readJson(
      await patch(session.id, { current_message_id: main[3], title: 'Other branch' }),
    );
    expect(switched).toMatchObject({ title: 'Other branch', current_message_id: main[5] });
    const list = await readJson(await t.request('/chat/sessions?limit=1'));
    expect(list.data[0].id).toBe(session.id);
  });

  test('a message not of this session, or a session not of this user, answers 404', async () => {
    const { session } = await forkedSession();
    const elsewhere = await forkedSession();
    const ofBob = await forkedSession('bob');
    const before = await readJson(await t.request(`/chat/sessions/${session.id}`));
    for (const id of [elsewhere.main[1], ofBob.main[1], MISSING_ID]) {
      const body = await expectError(
        await patch(session.id, { current_message_id: id }),
        404,
        'not_found',
      );
      expect(body.error.message).toMatch(/Message/);
    }
    await expectError(
      await patch(ofBob.session.id, { current_message_id: ofBob.main[1] }),
      404,
      'not_found',
    );
    expect(
      (await readJson(await t.request(`/chat/sessions/${ofBob.session.id}`, { as: 'bob' })))
        .current_message_id,
    ).toBe(ofBob.alt[1]);
    expect(await readJson(await t.request(`/chat/sessions/${session.id}`))).toEqual(before);
  });

  test('a current_message_id that is not a uuid answers 400', async () => {
    const { session } = await forkedSession();
    for (const value of [null, '', 'nope', 42, [], {}, true]) {
      await expectError(
        await patch(session.id, { current_message_id: value }),
        400,
        'invalid_request',
      );
    }
    await expectError(await patch(session.id, {}), 400, 'invalid_request');
  });

  test('while a reply streams: switched, and the reply still completes', async () => {
    const session = await createSession(t);
    const first = await sendMessage(t, session.id, 'first');
    await sendAfter(t, session.id, 'other root', { parentId: null });
    t.claude.enqueue({ kind: 'text', chunks: ['slow ', 'one'], chunkDelayMs: 150 });
    const streaming = t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content: 'second' },
    });
    const live = await eventually(async () =>
      t.server
        .db('ai_chat_messages')
        .where({ session_id: session.id, status: 'streaming' })
        .first(),
    );
    const switched = await patch(session.id, { current_message_id: first.user_message.id });
    expect(switched.status).toBe(200);
    expect((await readJson(switched)).current_message_id).toBe(first.assistant_message.id);
    const done = await readJson(await streaming);
    expect(done.assistant_message).toMatchObject({ id: live.id, status: 'complete' });
    expect(contents(await history(session.id))).toEqual(['first', 'You said: first']);
  });
});
