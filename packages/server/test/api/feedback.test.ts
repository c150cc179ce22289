import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectFeedback,
  expectMessage,
  sendMessage,
} from '../support/contract.js';
import { collectSse, readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';
import { holdStreaming, postMessage } from '../support/tree-api.js';

const t = useTestServer();

const put = (messageId: string, json: unknown, as = 'alice') =>
  t.request(`/chat/messages/${messageId}/feedback`, { method: 'PUT', json, as });
const remove = (messageId: string, as = 'alice') =>
  t.request(`/chat/messages/${messageId}/feedback`, { method: 'DELETE', as });
const rowOf = (messageId: string) =>
  t.server.db('ai_message_feedback').where({ message_id: messageId });

async function exchange(as = 'alice', mode = 'general') {
  const session = await createSession(t, as, { mode });
  const sent = await sendMessage(t, session.id, 'q', { as });
  return { session, prompt: sent.user_message, reply: sent.assistant_message };
}

describe('PUT /chat/messages/{message_id}/feedback', () => {
  test('rates a reply: the message comes back with it, and the list shows it', async () => {
    const { session, reply } = await exchange();
    const response = await put(reply.id, { rating: 'up' });
    expect(response.status).toBe(200);
    const rated = await readJson(response);
    expectMessage(rated);
    expectFeedback(rated.feedback);
    expect(rated).toMatchObject({ ...reply, feedback: { rating: 'up', comment: null, tags: [] } });
    const page = await readJson(await t.request(`/chat/messages/${session.id}`));
    expect(page.data[1].feedback).toEqual(rated.feedback);
  });

  test('down with a comment and tags; set again, it is replaced whole', async () => {
    const { reply } = await exchange('alice', 'ideas');
    const down = await readJson(
      await put(reply.id, {
        rating: 'down',
        comment: 'Too vague.\nAnd long.',
        tags: [' too long ', 'vague', 'too long'],
      }),
    );
    expect(down.feedback).toMatchObject({
      rating: 'down',
      comment: 'Too vague.\nAnd long.',
      tags: ['too long', 'vague'],
    });
    const [row] = await rowOf(reply.id);
    expect(row).toMatchObject({
      rating: 'down',
      mode: 'ideas',
      model: reply.model,
      persona_id: (
        await t.server.db('ai_personas').where({ mode: 'ideas' }).whereNull('site_id').first()
      ).id,
      experiment_id: null,
      variant_id: null,
      site_id: null,
    });
    const up = await readJson(await put(reply.id, { rating: 'up', comment: '   ' }));
    expect(up.feedback).toMatchObject({ rating: 'up', comment: null, tags: [] });
    expect(await rowOf(reply.id)).toHaveLength(1);
  });

  test("a guest's rating keeps the guest's site", async () => {
    const site = await t.server.sites.add(`Shop ${randomUUID()}`, ['https://shop.example']);
    const guest = await fetch(`${t.api}/auth/guest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://shop.example' },
      body: JSON.stringify({ site_key: site.site_key }),
    });
    const { token } = (await guest.json()) as { token: string };
    const call = (path: string, method: string, json: unknown) =>
      fetch(`${t.api}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(json),
      });
    const session = (await (await call('/chat/sessions', 'POST', {})).json()) as { id: string };
    const sent = (await (
      await call('/chat/messages', 'POST', { session_id: session.id, content: 'hi' })
    ).json()) as { assistant_message: { id: string } };
    const rated = await call(`/chat/messages/${sent.assistant_message.id}/feedback`, 'PUT', {
      rating: 'down',
    });
    expect(rated.status).toBe(200);
    expect((await rowOf(sent.assistant_message.id))[0].site_id).toBe(site.id);
  });

  test('a user message answers 400; a streaming reply 409; unknown or not yours 404', async () => {
    const { session, prompt } = await exchange();
    const ofBob = await exchange('bob');
    await expectError(await put(prompt.id, { rating: 'up' }), 400, 'invalid_request');
    await expectError(await put(ofBob.reply.id, { rating: 'up' }), 404, 'not_found');
    await expectError(await put(MISSING_ID, { rating: 'up' }), 404, 'not_found');
    await expectError(await put('nope', { rating: 'up' }), 400, 'invalid_request');
    const held = await holdStreaming(t, () => postMessage(t, session.id, 'slow', { stream: true }));
    await expectError(await put(held.assistantId, { rating: 'up' }), 409, 'conflict');
    await held.stop();
    expect((await put(held.assistantId, { rating: 'up' })).status).toBe(200);
    expect(await rowOf(ofBob.reply.id)).toHaveLength(0);
  });

  test('bodies of the wrong shape answer 400 and store nothing', async () => {
    const { reply } = await exchange();
    for (const body of [
      {},
      { rating: 'meh' },
      { rating: null },
      { rating: 'up', comment: 'x'.repeat(2001) },
      { rating: 'up', comment: 'nul\u0000inside' },
      { rating: 'up', comment: 5 },
      { rating: 'up', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      { rating: 'up', tags: ['x'.repeat(41)] },
      { rating: 'up', tags: [null] },
      { rating: 'up', tags: [''] },
      { rating: 'up', tags: ['   '] },
      { rating: 'up', tags: ['bell\u0007'] },
      { rating: 'up', tags: 'vague' },
      { rating: 'up', extra: true },
      [],
      'up',
    ]) {
      await expectError(await put(reply.id, body), 400, 'invalid_request');
    }
    expect(await rowOf(reply.id)).toHaveLength(0);
    const longest = { rating: 'down', comment: 'y'.repeat(2000), tags: ['z'.repeat(40)] };
    expect((await put(reply.id, longest)).status).toBe(200);
  });

  test('two at once: one row, holding one of them', async () => {
    const { reply } = await exchange();
    const responses = await Promise.all([
      put(reply.id, { rating: 'up' }),
      put(reply.id, { rating: 'down', tags: ['x'] }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const rows = await rowOf(reply.id);
    expect(rows).toHaveLength(1);
    expect(['up', 'down']).toContain(rows[0].rating);
  });

  test('shown on the replay of the reply, on stop, and gone with its session', async () => {
    const { session, reply } = await exchange();
    const rated = await readJson(await put(reply.id, { rating: 'up', tags: ['clear'] }));
    const replay = await collectSse(await t.request(`/chat/messages/${reply.id}/stream`));
    expect(replay[0]!.data.assistant_message.feedback).toEqual(rated.feedback);
    expect(replay.at(-1)!.data.message.feedback).toEqual(rated.feedback);
    const stopped = await readJson(
      await t.request(`/chat/messages/${reply.id}/stop`, { method: 'POST' }),
    );
    expect(stopped.feedback).toEqual(rated.feedback);
    expect((await t.request(`/chat/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(await rowOf(reply.id)).toHaveLength(0);
  });
});

describe('DELETE /chat/messages/{message_id}/feedback', () => {
  test('removes it; again (none left) is still 204', async () => {
    const { session, reply } = await exchange();
    await put(reply.id, { rating: 'down' });
    expect((await remove(reply.id)).status).toBe(204);
    expect(await rowOf(reply.id)).toHaveLength(0);
    expect((await remove(reply.id)).status).toBe(204);
    const page = await readJson(await t.request(`/chat/messages/${session.id}`));
    expect(page.data[1].feedback).toBeNull();
  });

  test("a user message answers 400; another user's or an unknown message 404", async () => {
    const { prompt } = await exchange();
    const ofBob = await exchange('bob');
    await put(ofBob.reply.id, { rating: 'up' }, 'bob');
    await expectError(await remove(prompt.id), 400, 'invalid_request');
    await expectError(await remove(ofBob.reply.id), 404, 'not_found');
    await expectError(await remove(MISSING_ID), 404, 'not_found');
    await expectError(await remove('nope'), 400, 'invalid_request');
    expect(await rowOf(ofBob.reply.id)).toHaveLength(1);
  });
});
