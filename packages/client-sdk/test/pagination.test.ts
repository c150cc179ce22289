import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepruvClient } from '../src/index.js';
import { startFakeApi, type FakeApi } from './support/fake-api.js';

let server: FakeApi;
let client: RepruvClient;
beforeEach(async () => {
  server = startFakeApi();
  client = new RepruvClient({ baseUrl: server.url, token: 'good' });
});
afterEach(() => server.close());

describe('sessions', () => {
  it('creates, reads, renames, archives and deletes', async () => {
    const created = await client.sessions.create({ title: 'Ideas' });
    expect(created).toMatchObject({ title: 'Ideas', status: 'active' });
    await expect(client.sessions.get(created.id)).resolves.toEqual(created);
    await expect(client.sessions.update(created.id, { status: 'archived' })).resolves.toMatchObject(
      {
        status: 'archived',
      },
    );
    await expect(client.sessions.delete(created.id)).resolves.toBeUndefined();
    expect(server.calls('DELETE', /.*/)[0]?.path).toBe(`/api/v1/chat/sessions/${created.id}`);
  });

  it('returns one page with data and next_cursor', async () => {
    for (let i = 0; i < 5; i++) server.addSession(`s${i}`);
    const page = await client.sessions.list({ limit: 2 });
    expect(page.data.map((s) => s.title)).toEqual(['s4', 's3']);
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.data.map((s) => s.title)).toEqual(['s2', 's1']);
    expect(server.requests[1]?.query.get('limit')).toBe('2');
    expect(server.requests[1]?.query.get('cursor')).toBe(page.next_cursor);
  });

  it('iterates every session across pages, from the page or straight from list()', async () => {
    for (let i = 0; i < 5; i++) server.addSession(`s${i}`);
    const titles: string[] = [];
    for await (const session of await client.sessions.list({ limit: 2 }))
      titles.push(session.title);
    expect(titles).toEqual(['s4', 's3', 's2', 's1', 's0']);
    expect(server.requests).toHaveLength(3);
    const again: string[] = [];
    for await (const session of client.sessions.list({ limit: 3 })) again.push(session.title);
    expect(again).toEqual(titles);
  });

  it('stops on an empty list', async () => {
    const page = await client.sessions.list();
    expect(page).toMatchObject({ data: [], next_cursor: null });
    expect(page.hasNextPage()).toBe(false);
    const seen = [];
    for await (const session of page) seen.push(session);
    expect(seen).toEqual([]);
  });
});

describe('message history', () => {
  it('returns the newest messages in chronological order, and iterates back through older pages', async () => {
    const session = server.addSession();
    const contents = Array.from({ length: 7 }, (_, i) => `m${i}`);
    contents.forEach((c, i) => server.addMessage(session.id, i % 2 ? 'assistant' : 'user', c));
    const page = await client.messages.list(session.id, { limit: 3 });
    expect(page.data.map((m) => m.content)).toEqual(['m4', 'm5', 'm6']);
    expect(page.has_more).toBe(true);
    const older = await page.getNextPage();
    expect(older.data.map((m) => m.content)).toEqual(['m1', 'm2', 'm3']);
    expect(server.requests[1]?.query.get('before')).toBe(page.data[0]?.id);

    const seen: string[] = [];
    for await (const message of page) seen.push(message.content);
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('iterates a history that fits one page', async () => {
    const session = server.addSession();
    server.addMessage(session.id, 'user', 'only');
    const seen: string[] = [];
    for await (const message of client.messages.list(session.id)) seen.push(message.content);
    expect(seen).toEqual(['only']);
    expect(server.requests).toHaveLength(1);
  });
});
