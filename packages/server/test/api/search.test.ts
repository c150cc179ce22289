import { describe, expect, test } from 'vitest';
import {
  createSession,
  expectMessage,
  expectSession,
  insertChain,
  sendMessage,
} from '../support/contract.js';
import { readJson } from '../support/http.js';
import { freshUser, marks, search, sessionWith } from '../support/search-api.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

describe('GET /chat/search finds words in any language', () => {
  const conversation = [
    'Ideas for my café vlog: crème brûlée tasting',
    'Try a "Straßen" tour and a crème brûlée challenge.',
    'Как продвигать канал на YouTube?',
    'Η στρατηγική περιεχομένου είναι σημαντική',
    'كيف أزيد عدد المشتركين في قناتي',
    'איך להגדיל את מספר המנויים',
    'मेरे चैनल के लिए वीडियो विचार',
    '我想提高视频的播放量',
    '東京タワーで動画を撮影しました',
    '유튜브 채널을 성장시키는 방법',
  ];

  test.each([
    ['cafe', 'café'],
    ['CREME brulee', 'crème'],
    ['канал', 'канал'],
    ['στρατηγική', 'στρατηγική'],
    ['المشتركين', 'المشتركين'],
    ['המנויים', 'המנויים'],
    ['वीडियो', 'वीडियो'],
    ['播放量', '播放量'],
    ['タワー', 'タワー'],
    ['채널을', '채널을'],
  ])('%s', async (q, marked) => {
    const as = freshUser();
    const { session } = await sessionWith(t, as, conversation);
    await sessionWith(t, as, ['nothing to see here', 'really nothing']);
    const page = await search(t, as, { q });
    expect(page.data).toHaveLength(1);
    const [hit] = page.data;
    expectSession(hit.session);
    expectMessage(hit.message);
    expect(hit.session.id).toBe(session.id);
    expect(hit.message.content).toContain(hit.snippet.replace(/…/g, '').slice(0, 10));
    expect(marks(hit).map((m: string) => m.toLowerCase())).toContain(marked.toLowerCase());
    expect(page.next_cursor).toBeNull();
  });
});

describe('the query language', () => {
  test('the last word is a prefix, unless the query ends with a space', async () => {
    const as = freshUser();
    await sessionWith(t, as, ['a content strategy for spring']);
    expect((await search(t, as, { q: 'strat' })).data).toHaveLength(1);
    expect((await search(t, as, { q: 'strat ' })).data).toHaveLength(0);
    expect((await search(t, as, { q: 'content strat' })).data).toHaveLength(1);
    expect((await search(t, as, { q: 'conte strategy' })).data).toHaveLength(0);
  });

  test('every word must match in one message; a quoted phrase in that order', async () => {
    const as = freshUser();
    const { session: ordered } = await sessionWith(t, as, ['brand deal pitch template']);
    await sessionWith(t, as, ['pitch a deal with a brand', 'template']);
    const both = await search(t, as, { q: 'brand template' });
    expect(both.data.map((h: { session: { id: string } }) => h.session.id)).toEqual([ordered.id]);
    const phrase = await search(t, as, { q: '"brand deal"' });
    expect(phrase.data.map((h: { session: { id: string } }) => h.session.id)).toEqual([ordered.id]);
    expect(marks(phrase.data[0])).toEqual(['brand', 'deal']);
  });

  test('-word leaves out messages holding it', async () => {
    const as = freshUser();
    const { session: kept } = await sessionWith(t, as, ['posting schedule for instagram']);
    await sessionWith(t, as, ['posting schedule for tiktok']);
    const page = await search(t, as, { q: 'posting -tiktok' });
    expect(page.data.map((h: { session: { id: string } }) => h.session.id)).toEqual([kept.id]);
  });

  test('a title match comes first, with the title as its snippet and no message', async () => {
    const as = freshUser();
    const { session: inText } = await sessionWith(t, as, ['we talked about thumbnails']);
    const { session: titled } = await sessionWith(t, as, ['hello'], {
      title: 'Thumbnails that click',
    });
    const page = await search(t, as, { q: 'thumbnails' });
    expect(page.data.map((h: { session: { id: string } }) => h.session.id)).toEqual([
      titled.id,
      inText.id,
    ]);
    expect(page.data[0]).toMatchObject({ message: null, snippet: 'Thumbnails that click' });
    expect(marks(page.data[0])).toEqual(['Thumbnails']);
  });

  test('one result per session: its best message', async () => {
    const as = freshUser();
    await sessionWith(t, as, ['reels', 'reels reels and more reels', 'reels once more']);
    const page = await search(t, as, { q: 'reels' });
    expect(page.data).toHaveLength(1);
    expect(page.data[0].message.content).toBe('reels reels and more reels');
  });
});

describe('what is found', () => {
  test('a message on a branch not shown, which ?leaf= then opens', async () => {
    const as = freshUser();
    const { session, ids } = await sessionWith(t, as, ['plan my week', 'first answer: mondays']);
    await insertChain(
      t,
      session.id,
      [{ role: 'assistant', content: 'second answer: sundays' }],
      ids[0],
    );
    const page = await search(t, as, { q: 'mondays' });
    const hit = page.data[0];
    expect(hit.message.id).toBe(ids[1]);
    expect(hit.session.current_message_id).not.toBe(ids[1]);
    const branch = await readJson(
      await t.request(`/chat/messages/${session.id}?leaf=${hit.message.id}`, { as }),
    );
    expect(branch.data.map((m: { content: string }) => m.content)).toEqual([
      'plan my week',
      'first answer: mondays',
    ]);
  });

  test("a reply Claude wrote is found once it is finished, and never another user's", async () => {
    const as = freshUser();
    const session = await createSession(t, as);
    const pair = await sendMessage(t, session.id, 'zebra documentary ideas', { as });
    const words = pair.assistant_message.content
      .split(/\s+/)
      .filter((w: string) => /^[a-z]{5,}$/i.test(w));
    const page = await search(t, as, { q: `${words[0] ?? 'zebra'} ` });
    expect(page.data.map((h: { session: { id: string } }) => h.session.id)).toEqual([session.id]);
    expect((await search(t, freshUser(), { q: 'zebra' })).data).toEqual([]);
  });

  test('a deleted session is never found', async () => {
    const as = freshUser();
    const { session } = await sessionWith(t, as, ['ephemeral giraffe']);
    expect((await search(t, as, { q: 'giraffe' })).data).toHaveLength(1);
    await t.request(`/chat/sessions/${session.id}`, { method: 'DELETE', as });
    expect((await search(t, as, { q: 'giraffe' })).data).toEqual([]);
    const rows = await t.server.db('ai_message_search').where({ session_id: session.id });
    expect(rows).toEqual([]);
  });
});

describe('filters and pages', () => {
  test('mode, status, from and to', async () => {
    const as = freshUser();
    const { session: ideas } = await sessionWith(t, as, ['podcast plan'], { mode: 'ideas' });
    const { session: writing } = await sessionWith(t, as, ['podcast script'], { mode: 'writing' });
    await t.request(`/chat/sessions/${writing.id}`, {
      method: 'PATCH',
      as,
      json: { status: 'archived' },
    });
    const ids = async (params: Record<string, string>) =>
      (await search(t, as, { q: 'podcast', ...params })).data.map(
        (h: { session: { id: string } }) => h.session.id,
      );
    expect(await ids({ mode: 'ideas' })).toEqual([ideas.id]);
    expect(await ids({ status: 'archived' })).toEqual([writing.id]);
    expect(await ids({ status: 'active' })).toEqual([ideas.id]);
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect((await ids({ to: new Date(Date.now() + 60_000).toISOString() })).sort()).toEqual(
      [ideas.id, writing.id].sort(),
    );
  });

  test('pages follow next_cursor without repeating or losing a session', async () => {
    const as = freshUser();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { session } = await sessionWith(t, as, [
        `collab number ${i} ${'collab '.repeat(i % 3)}`,
      ]);
      made.push(session.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(t, as, { q: 'collab', limit: '3', ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((h: { session: { id: string } }) => h.session.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(made));
  });
});
