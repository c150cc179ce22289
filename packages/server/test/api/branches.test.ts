import { describe, expect, test } from 'vitest';
import { BRANCH_PAGE_SQL } from '../../src/chat/tree/branch-sql.js';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  insertChain,
  sendMessage,
} from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
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
