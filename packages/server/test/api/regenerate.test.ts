import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  messageRows,
  sendMessage,
} from '../support/contract.js';
import { collectSse, eventually, readJson, readSse } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
import {
  holdStreaming,
  lastClaudeTurns,
  postMessage,
  postRegenerate,
  regenerate,
  sessionNow,
} from '../support/tree-api.js';

const t = useTestServer();

async function exchange(content = 'q', as = 'alice') {
  const session = await createSession(t, as);
  const sent = await sendMessage(t, session.id, content, { as });
  return { session, prompt: sent.user_message, reply: sent.assistant_message };
}

describe('POST /chat/messages/{message_id}/regenerate', () => {
  test('a new sibling reply to the same prompt, shown as the branch; the old one stays', async () => {
    const { session, prompt, reply } = await exchange('tell me');
    t.claude.enqueue({ kind: 'text', chunks: ['Another ', 'answer'] });
    const pair = await regenerate(t, reply.id);
    expectMessage(pair.user_message);
    expectMessage(pair.assistant_message);
    expect(pair.user_message).toEqual(prompt);
    expect(pair.assistant_message).toMatchObject({
      parent_id: prompt.id,
      content: 'Another answer',
      status: 'complete',
      sibling_ids: [reply.id, pair.assistant_message.id],
      client_message_id: null,
    });
    expect(lastClaudeTurns(t)).toEqual(['user: tell me']);
    const now = await sessionNow(t, session.id);
    expect(now.current_message_id).toBe(pair.assistant_message.id);
    expect(now.message_count).toBe(3);
    const old = await readJson(await t.request(`/chat/messages/${session.id}?leaf=${reply.id}`));
    expect(old.data.map((m: { id: string }) => m.id)).toEqual([prompt.id, reply.id]);
    expect(old.data[1].sibling_ids).toEqual([reply.id, pair.assistant_message.id]);
  });

  test('streamed: the send events, the existing prompt as user_message', async () => {
    const { prompt, reply } = await exchange();
    const events = await collectSse(await postRegenerate(t, reply.id, { stream: true }));
    expect([events[0]!.event, events.at(-1)!.event]).toEqual([
      'message.created',
      'message.completed',
    ]);
    expect(events.slice(1, -1).every((e) => e.event === 'message.delta')).toBe(true);
    const created = events[0]!.data;
    expect(created.user_message).toEqual(prompt);
    expect(created.assistant_message).toMatchObject({ status: 'streaming', content: '' });
    const done = events.at(-1)!.data.message;
    expectMessage(done);
    expect(done.sibling_ids).toEqual([reply.id, created.assistant_message.id]);
    // By Accept too.
    const accepted = await t.request(`/chat/messages/${done.id}/regenerate`, {
      method: 'POST',
      headers: { Accept: 'text/event-stream' },
    });
    expect(accepted.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const again = await collectSse(accepted);
    expect(again.at(-1)!.data.message.sibling_ids).toHaveLength(3);
  });

  test('a user message answers 400; an unknown or another user’s message 404; a bad id 400', async () => {
    const { prompt } = await exchange();
    const ofBob = await exchange('bob asks', 'bob');
    await expectError(await postRegenerate(t, prompt.id), 400, 'invalid_request');
    await expectError(await postRegenerate(t, ofBob.reply.id), 404, 'not_found');
    await expectError(await postRegenerate(t, MISSING_ID), 404, 'not_found');
    await expectError(
      await t.request('/chat/messages/not-a-uuid/regenerate', { method: 'POST' }),
      400,
      'invalid_request',
    );
    expect(await messageRows(t, ofBob.session.id)).toHaveLength(2);
  });

  test('bodies of the wrong shape answer 400, one over 64 KiB 413; none or {} is fine', async () => {
    const { session, reply } = await exchange();
    for (const body of [
      { client_message_id: 5 },
      { client_message_id: '' },
      { other: 1 },
      [],
      'x',
    ]) {
      await expectError(await postRegenerate(t, reply.id, { body }), 400, 'invalid_request');
    }
    await expectError(
      await postRegenerate(t, reply.id, { body: { client_message_id: 'k'.repeat(101) } }),
      400,
      'invalid_request',
    );
    await expectError(
      await postRegenerate(t, reply.id, { body: { client_message_id: 'x'.repeat(70_000) } }),
      413,
      'payload_too_large',
    );
    expect(await messageRows(t, session.id)).toHaveLength(2);
    expect((await postRegenerate(t, reply.id, { body: {} })).status).toBe(201);
    expect((await postRegenerate(t, reply.id)).status).toBe(201);
    expect(await messageRows(t, session.id)).toHaveLength(4);
  });

  test('409 while that reply, or any reply of the session, streams', async () => {
    const { session, reply } = await exchange();
    const held = await holdStreaming(t, () => postRegenerate(t, reply.id, { stream: true }));
    await expectError(await postRegenerate(t, held.assistantId), 409, 'conflict');
    await expectError(await postRegenerate(t, reply.id), 409, 'conflict');
    await expectError(await postMessage(t, session.id, 'meanwhile'), 409, 'conflict');
    await held.stop();
    expect(await messageRows(t, session.id)).toHaveLength(3);
  });

  test('stop ends a regenerated reply, keeping its text; re-attach replays it', async () => {
    const { reply } = await exchange();
    const held = await holdStreaming(t, () => postRegenerate(t, reply.id, { stream: true }), [
      'Half ',
      'way',
    ]);
    const resumed = readSse(
      await t.request(`/chat/messages/${held.assistantId}/stream`, {
        headers: { 'Last-Event-ID': '5' },
      }),
    );
    expect((await resumed.next()).value!.data.text).toBe('way');
    const stopped = await readJson(
      await t.request(`/chat/messages/${held.assistantId}/stop`, { method: 'POST' }),
    );
    expect(stopped).toMatchObject({ status: 'stopped', content: 'Half way' });
    expect(stopped.sibling_ids).toEqual([reply.id, held.assistantId]);
    const last = (await resumed.next()).value!;
    expect(last.event).toBe('message.completed');
    expect(last.data.message.sibling_ids).toEqual([reply.id, held.assistantId]);
    for await (const event of held.events) void event;
  });

  test('one ledger row per regenerate, with its message', async () => {
    const { reply } = await exchange();
    const pair = await regenerate(t, reply.id);
    await eventually(async () =>
      t.server.db('api_usage_log').where({ message_id: pair.assistant_message.id }).first(),
    );
    const rows = await t.server
      .db('api_usage_log')
      .where({ message_id: pair.assistant_message.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'complete' });
  });
});

describe('client_message_id on a regenerate', () => {
  test('repeated in a row: the same reply, Claude asked once', async () => {
    const { session, reply } = await exchange();
    const requests = t.claude.requests.length;
    const first = await regenerate(t, reply.id, { clientMessageId: 'again-1' });
    expect(first.assistant_message.client_message_id).toBe('again-1');
    expect(await regenerate(t, reply.id, { clientMessageId: 'again-1' })).toEqual(first);
    // From the new reply too (a client retrying with the id it has now).
    const streamed = await collectSse(
      await postRegenerate(t, first.assistant_message.id, {
        clientMessageId: 'again-1',
        stream: true,
      }),
    );
    expect(streamed.at(-1)!.data.message).toEqual(first.assistant_message);
    expect(t.claude.requests.length).toBe(requests + 1);
    expect(await messageRows(t, session.id)).toHaveLength(3);
  });

  test('three at once: one reply stored, Claude asked once', async () => {
    const { session, reply } = await exchange();
    const requests = t.claude.requests.length;
    t.claude.enqueue({ kind: 'text', chunks: ['slow ', 'again'], chunkDelayMs: 100 });
    const responses = await Promise.all(
      [1, 2, 3].map(() => postRegenerate(t, reply.id, { clientMessageId: 'conc-r' })),
    );
    const bodies = await Promise.all(responses.map((r) => readJson(r)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0].assistant_message.content).toBe('slow again');
    expect(t.claude.requests.length).toBe(requests + 1);
    expect(await messageRows(t, session.id)).toHaveLength(3);
  });

  test('a failed regenerate answers 502 with its ids; its repeat generates the same reply again', async () => {
    const { session, reply } = await exchange();
    t.claude.enqueue({ kind: 'http-error', status: 529, errorType: 'overloaded_error' });
    const failed = await expectError(
      await postRegenerate(t, reply.id, { clientMessageId: 'flaky' }),
      502,
      'upstream_error',
    );
    const failedId = failed.error.details.assistant_message_id;
    const row = (await messageRows(t, session.id)).find((r: { id: string }) => r.id === failedId);
    expect(row).toMatchObject({ status: 'error', parent_id: reply.parent_id });
    await sendMessage(t, session.id, 'moved on'); // the leaf is elsewhere now
    const retried = await regenerate(t, reply.id, { clientMessageId: 'flaky' });
    expect(retried.assistant_message).toMatchObject({ id: failedId, status: 'complete' });
    expect(retried.assistant_message.sibling_ids).toEqual([reply.id, failedId]);
    expect((await sessionNow(t, session.id)).current_message_id).toBe(failedId);
    expect(lastClaudeTurns(t)).toEqual(['user: q']);
  });

  test('a key of another prompt’s regenerate answers 409', async () => {
    const { session, reply } = await exchange();
    const second = await sendMessage(t, session.id, 'q2');
    await regenerate(t, reply.id, { clientMessageId: 'first-prompt' });
    await expectError(
      await postRegenerate(t, second.assistant_message.id, { clientMessageId: 'first-prompt' }),
      409,
      'conflict',
    );
  });
});
