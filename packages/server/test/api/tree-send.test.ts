import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  messageRows,
  sendMessage,
} from '../support/contract.js';
import { collectSse, readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
import {
  branchContents,
  holdStreaming,
  postMessage,
  postRegenerate,
  sendAfter,
  sessionNow,
} from '../support/tree-api.js';

const t = useTestServer();

/** A session with two exchanges: q1 → "You said: q1" → q2 → "You said: q2". */
async function twoExchanges(as = 'alice') {
  const session = await createSession(t, as);
  const first = await sendMessage(t, session.id, 'q1', { as });
  const second = await sendMessage(t, session.id, 'q2', { as });
  return { session, first, second };
}

describe('POST /chat/messages with parent_id', () => {
  test('after a reply: a sibling of what followed it, with its own reply, shown as the branch', async () => {
    const { session, first, second } = await twoExchanges();
    const edit = await sendAfter(t, session.id, 'q2, edited', {
      parentId: first.assistant_message.id,
    });
    expectMessage(edit.user_message);
    expectMessage(edit.assistant_message);
    expect(edit.user_message.parent_id).toBe(first.assistant_message.id);
    expect(edit.user_message.sibling_ids).toEqual([second.user_message.id, edit.user_message.id]);
    expect(edit.assistant_message.parent_id).toBe(edit.user_message.id);
    expect(edit.assistant_message.sibling_ids).toEqual([edit.assistant_message.id]);

    const now = await sessionNow(t, session.id);
    expect(now.current_message_id).toBe(edit.assistant_message.id);
    expect(now.message_count).toBe(6); // every branch
    expect(await branchContents(t, session.id)).toEqual([
      'q1',
      'You said: q1',
      'q2, edited',
      'You said: q2, edited',
    ]);
    // The original and its reply stay, on their own branch.
    expect(await branchContents(t, session.id, `?leaf=${second.assistant_message.id}`)).toEqual([
      'q1',
      'You said: q1',
      'q2',
      'You said: q2',
    ]);
    const page = await readJson(await t.request(`/chat/messages/${session.id}`));
    expect(page.data[2].sibling_ids).toEqual([second.user_message.id, edit.user_message.id]);
  });

  test('null: a new first message beside the others (the first message edited)', async () => {
    const { session, first } = await twoExchanges();
    const edit = await sendAfter(t, session.id, 'q1 again', { parentId: null });
    expect(edit.user_message.parent_id).toBeNull();
    expect(edit.user_message.sibling_ids).toEqual([first.user_message.id, edit.user_message.id]);
    expect(await branchContents(t, session.id)).toEqual(['q1 again', 'You said: q1 again']);
    const roots = await readJson(
      await t.request(`/chat/messages/${session.id}?leaf=${first.user_message.id}`),
    );
    expect(roots.data[0].sibling_ids).toEqual([first.user_message.id, edit.user_message.id]);
  });

  test('omitted: after the current leaf, also once it is on another branch', async () => {
    const { session, first } = await twoExchanges();
    const edit = await sendAfter(t, session.id, 'other q2', {
      parentId: first.assistant_message.id,
    });
    const next = await sendAfter(t, session.id, 'q3');
    expect(next.user_message.parent_id).toBe(edit.assistant_message.id);
    expect(next.user_message.sibling_ids).toEqual([next.user_message.id]);
  });

  test('streamed: message.created and message.completed carry the tree', async () => {
    const { session, first, second } = await twoExchanges();
    const events = await collectSse(
      await postMessage(t, session.id, 'streamed edit', {
        parentId: first.assistant_message.id,
        stream: true,
      }),
    );
    expect([events[0]!.event, events.at(-1)!.event]).toEqual([
      'message.created',
      'message.completed',
    ]);
    const created = events[0]!.data;
    expect(created.user_message.sibling_ids).toEqual([
      second.user_message.id,
      created.user_message.id,
    ]);
    expect(created.assistant_message.parent_id).toBe(created.user_message.id);
    const completed = events.at(-1)!.data.message;
    expectMessage(completed);
    expect(completed.parent_id).toBe(created.user_message.id);
  });

  test('a user message, or a reply still streaming, as parent answers 400', async () => {
    const { session, second } = await twoExchanges();
    const body = await expectError(
      await postMessage(t, session.id, 'x', { parentId: second.user_message.id }),
      400,
      'invalid_request',
    );
    expect(body.error.details).toMatchObject({ field: 'parent_id' });

    const held = await holdStreaming(t, () => postMessage(t, session.id, 'slow', { stream: true }));
    await expectError(
      await postMessage(t, session.id, 'x', { parentId: held.assistantId }),
      400,
      'invalid_request',
    );
    // Anywhere else while it streams: 409, one reply at a time.
    await expectError(
      await postMessage(t, session.id, 'x', { parentId: second.assistant_message.id }),
      409,
      'conflict',
    );
    await expectError(await postMessage(t, session.id, 'x'), 409, 'conflict');
    await held.stop();
    expect(await messageRows(t, session.id)).toHaveLength(6);
  });

  test("a parent not of this session (another session's, another user's, none) answers 404", async () => {
    const { session } = await twoExchanges();
    const elsewhere = await twoExchanges();
    const ofBob = await twoExchanges('bob');
    const requests = t.claude.requests.length;
    for (const parentId of [
      elsewhere.first.assistant_message.id,
      ofBob.first.assistant_message.id,
      MISSING_ID,
    ]) {
      await expectError(await postMessage(t, session.id, 'x', { parentId }), 404, 'not_found');
    }
    expect(t.claude.requests.length).toBe(requests);
    expect(await messageRows(t, session.id)).toHaveLength(4);
  });

  test('a parent_id that is not a uuid or null answers 400, and so do unknown keys', async () => {
    const { session } = await twoExchanges();
    for (const parent_id of [
      '',
      'nope',
      7,
      true,
      [],
      {},
      ['00000000-0000-4000-8000-000000000000'],
    ]) {
      const response = await t.request('/chat/messages', {
        method: 'POST',
        json: { session_id: session.id, content: 'x', parent_id },
      });
      const body = await expectError(response, 400, 'invalid_request');
      expect(JSON.stringify(body.error.details)).toContain('parent_id');
    }
    await expectError(
      await t.request('/chat/messages', {
        method: 'POST',
        json: { session_id: session.id, content: 'x', parentId: null },
      }),
      400,
      'invalid_request',
    );
    expect(await messageRows(t, session.id)).toHaveLength(4);
  });

  test('two edits of one message at once: one is stored, the other answers 409', async () => {
    const { session, first } = await twoExchanges();
    t.claude.enqueue({ kind: 'text', chunks: ['slow ', 'edit'], chunkDelayMs: 150 });
    const edit = (content: string) =>
      postMessage(t, session.id, content, { parentId: first.assistant_message.id });
    const responses = await Promise.all([edit('edit A'), edit('edit B')]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    await Promise.all(responses.map((r) => r.text()));
    expect(await messageRows(t, session.id)).toHaveLength(6);
  });
});

describe('client_message_id with parent_id', () => {
  test('a repeat returns its pair, wherever the tree has gone since', async () => {
    const { session, first } = await twoExchanges();
    const options = { parentId: first.assistant_message.id, clientMessageId: 'edit-1' };
    const edit = await sendAfter(t, session.id, 'edited', options);
    await sendAfter(t, session.id, 'later');
    const requests = t.claude.requests.length;
    expect(await sendAfter(t, session.id, 'edited', options)).toEqual(edit);
    // Omitted parent: still the same key, the same message.
    expect(
      (await sendAfter(t, session.id, 'edited', { clientMessageId: 'edit-1' })).user_message.id,
    ).toBe(edit.user_message.id);
    expect(t.claude.requests.length).toBe(requests);
  });

  test('a repeat naming another parent, or a regenerate key, answers 409', async () => {
    const { session, first, second } = await twoExchanges();
    await sendAfter(t, session.id, 'edited', {
      parentId: first.assistant_message.id,
      clientMessageId: 'edit-2',
    });
    await expectError(
      await postMessage(t, session.id, 'edited', { parentId: null, clientMessageId: 'edit-2' }),
      409,
      'conflict',
    );
    const regenerated = await postRegenerate(t, second.assistant_message.id, {
      clientMessageId: 'regen-key',
    });
    expect(regenerated.status).toBe(201);
    await expectError(
      await postMessage(t, session.id, 'anything', { clientMessageId: 'regen-key' }),
      409,
      'conflict',
    );
    // And a send's key given to a regenerate.
    await expectError(
      await postRegenerate(t, second.assistant_message.id, { clientMessageId: 'edit-2' }),
      409,
      'conflict',
    );
  });
});
