/** The console's feedback: /admin/feedback (browse), its conversations, and the JSONL export. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { adminFetch, createOperator, signIn, type OperatorSession } from '../support/admin.js';
import { createSession, sendMessage } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();
let ops: OperatorSession;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const seeded: Record<string, any> = {};

const rate = async (as: string, messageId: string, json: object) => {
  const response = await t.request(`/chat/messages/${messageId}/feedback`, {
    method: 'PUT',
    as,
    json,
  });
  expect(response.status).toBe(200);
};

/** A small data set: three rated replies (two users, two modes) and one that nobody rated. */
beforeAll(async () => {
  await createOperator(t, 'feedback@example.com');
  ops = await signIn(t, 'feedback@example.com');
  const alice = await createSession(t, 'fb-alice', { mode: 'general' });
  seeded.q1 = await sendMessage(t, alice.id, 'How do I start a newsletter?', { as: 'fb-alice' });
  seeded.q2 = await sendMessage(t, alice.id, 'And how often should I send it?', { as: 'fb-alice' });
  const bob = await createSession(t, 'fb-bob', { mode: 'ideas' });
  seeded.q3 = await sendMessage(t, bob.id, 'Ideas for a cooking channel', { as: 'fb-bob' });
  seeded.unrated = await sendMessage(t, bob.id, 'More, please', { as: 'fb-bob' });
  await rate('fb-alice', seeded.q1.assistant_message.id, {
    rating: 'up',
    comment: 'Clear steps',
    tags: ['helpful'],
  });
  await rate('fb-alice', seeded.q2.assistant_message.id, { rating: 'down', tags: ['vague'] });
  await rate('fb-bob', seeded.q3.assistant_message.id, { rating: 'up' });
});

const globalPersonaId = async (mode: string) =>
  (
    (await t.server.db('ai_personas').where({ mode }).whereNull('site_id').first()) as {
      id: string;
    }
  ).id;

const list = async (query = '') => {
  const response = await adminFetch(t, `/admin/feedback${query}`, { session: ops });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
};
const replyIds = (body: { data: Array<{ message_id: string }> }) =>
  body.data.map((item) => item.message_id);

describe('browsing rated replies', () => {
  test('newest rating first, each with its question, rating, comment, tags, model and mode', async () => {
    const body = await list();
    expect(replyIds(body)).toEqual([
      seeded.q3.assistant_message.id,
      seeded.q2.assistant_message.id,
      seeded.q1.assistant_message.id,
    ]);
    expect(body.next_cursor).toBeNull();
    expect(body.data[2]).toMatchObject({
      session_id: seeded.q1.user_message.session_id,
      rating: 'up',
      comment: 'Clear steps',
      tags: ['helpful'],
      mode: 'general',
      model: seeded.q1.assistant_message.model,
      question: 'How do I start a newsletter?',
      reply: seeded.q1.assistant_message.content,
      persona_id: await globalPersonaId('general'),
      variant_id: null,
    });
  });

  test('filters: rating, tag, mode, date range', async () => {
    expect(replyIds(await list('?rating=down'))).toEqual([seeded.q2.assistant_message.id]);
    expect(replyIds(await list('?rating=up&tag=helpful'))).toEqual([
      seeded.q1.assistant_message.id,
    ]);
    expect(replyIds(await list('?mode=ideas'))).toEqual([seeded.q3.assistant_message.id]);
    expect(replyIds(await list('?tag=nobody-used-this'))).toEqual([]);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(replyIds(await list(`?from=${encodeURIComponent(future)}`))).toEqual([]);
    expect(replyIds(await list(`?to=${encodeURIComponent(future)}`))).toHaveLength(3);
  });

  test('pages by cursor: every rated reply once', async () => {
    const first = await list('?limit=2');
    expect(first.data).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.next_cursor}`);
    expect(second.next_cursor).toBeNull();
    expect([...replyIds(first), ...replyIds(second)]).toEqual(replyIds(await list()));
  });

  test('opens the conversation of a rated reply: its branch, from the start to it', async () => {
    const response = await adminFetch(
      t,
      `/admin/feedback/${seeded.q2.assistant_message.id}/conversation`,
      { session: ops },
    );
    expect((await readJson(response)).data).toEqual([
      { role: 'user', content: 'How do I start a newsletter?' },
      { role: 'assistant', content: seeded.q1.assistant_message.content },
      { role: 'user', content: 'And how often should I send it?' },
      { role: 'assistant', content: seeded.q2.assistant_message.content },
    ]);
  });
});

describe('the JSONL export', () => {
  test('one line per rated conversation, as SPEC names the fields, as a download', async () => {
    const response = await adminFetch(t, '/admin/feedback/export?rating=up', { session: ops });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="repruv-feedback-\d{4}-\d\d-\d\d\.jsonl"$/,
    );
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        messages: [
          { role: 'user', content: 'Ideas for a cooking channel' },
          { role: 'assistant', content: seeded.q3.assistant_message.content },
        ],
        rating: 'up',
        comment: null,
        tags: [],
        model: seeded.q3.assistant_message.model,
        mode: 'ideas',
        persona: await globalPersonaId('ideas'),
        variant: null,
      },
      expect.objectContaining({
        messages: [
          { role: 'user', content: 'How do I start a newsletter?' },
          { role: 'assistant', content: seeded.q1.assistant_message.content },
        ],
        comment: 'Clear steps',
        tags: ['helpful'],
      }),
    ]);
  });

  test('more rows than a batch, many rated in the same microsecond: each once, in order', async () => {
    // Written straight to the tables: 450 rated replies, in groups sharing one updated_at.
    const db = t.server.db;
    const [user] = await db('users')
      .insert({ id: randomUUID(), external_id: `bulk-${randomUUID()}` })
      .returning('id');
    const sessionId = randomUUID();
    await db('ai_chat_sessions').insert({
      id: sessionId,
      user_id: user.id,
      title: 'Bulk',
      mode: 'strategy',
    });
    const ids: string[] = [];
    const messages = [];
    const ratings = [];
    for (let i = 0; i < 450; i++) {
      const question = randomUUID();
      const answer = randomUUID();
      ids.push(answer);
      messages.push(
        {
          id: question,
          session_id: sessionId,
          user_id: user.id,
          role: 'user',
          content: `bulk q${i}`,
          status: 'complete',
        },
        {
          id: answer,
          session_id: sessionId,
          user_id: user.id,
          role: 'assistant',
          content: `bulk a${i}`,
          status: 'complete',
          parent_id: question,
        },
      );
      ratings.push({
        message_id: answer,
        user_id: user.id,
        session_id: sessionId,
        rating: 'down',
        tags: ['bulk'],
        mode: 'strategy',
        updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 50))),
      });
    }
    await db('ai_chat_messages').insert(messages);
    await db('ai_message_feedback').insert(ratings);

    const response = await adminFetch(t, '/admin/feedback/export?tag=bulk', { session: ops });
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(450);
    const answers = lines.map((line) => line.messages[1].content as string);
    expect(new Set(answers).size).toBe(450);
    expect(
      lines.every(
        (line) => line.messages[0].content === line.messages[1].content.replace(' a', ' q'),
      ),
    ).toBe(true);

    // The browser's pages agree: 450 once each, by pages of 100.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`?tag=bulk&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...replyIds(page));
      cursor = page.next_cursor;
    }
    expect(seen).toHaveLength(450);
    expect(new Set(seen)).toEqual(new Set(ids));
  });
});

describe('who may, and hostile input', () => {
  test('no operator or a chat token: 401', async () => {
    expect((await adminFetch(t, '/admin/feedback')).status).toBe(401);
    const chatToken = { Authorization: `Bearer ${await t.tokenFor('fb-alice')}` };
    expect((await adminFetch(t, '/admin/feedback', { headers: chatToken })).status).toBe(401);
    expect((await adminFetch(t, '/admin/feedback/export', { headers: chatToken })).status).toBe(
      401,
    );
  });

  test('bad filters, limits and cursors: 400 naming the field', async () => {
    for (const [query, field] of [
      ['?rating=meh', 'rating'],
      ['?rating=up&rating=down', 'rating'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=ten', 'limit'],
      ['?cursor=garbage', 'cursor'],
      [`?cursor=${Buffer.from('99999999999999999999|x').toString('base64url')}`, 'cursor'],
      [`?tag=${'x'.repeat(41)}`, 'tag'],
      ['?from=yesterday', 'from'],
      ['?site_id=not-a-uuid', 'site_id'],
      ["?mode=general'--", ''],
    ] as const) {
      const response = await adminFetch(t, `/admin/feedback${query}`, { session: ops });
      if (field === '') {
        expect(response.status, query).toBe(200); // an odd mode matches nothing, safely
        expect((await readJson(response)).data).toEqual([]);
        continue;
      }
      expect(response.status, query).toBe(400);
      expect(JSON.stringify((await readJson(response)).error), query).toContain(field);
    }
    expect(
      (await adminFetch(t, '/admin/feedback/export?rating=meh', { session: ops })).status,
    ).toBe(400);
  });

  test('a conversation: malformed id 400; unknown, or a reply nobody rated, 404', async () => {
    const open = (id: string) =>
      adminFetch(t, `/admin/feedback/${id}/conversation`, { session: ops });
    expect((await open('nope')).status).toBe(400);
    expect((await open(randomUUID())).status).toBe(404);
    expect((await open(seeded.unrated.assistant_message.id)).status).toBe(404);
  });
});
