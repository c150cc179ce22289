import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectSession,
  messageRows,
  sendMessage,
} from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function listAll(as: string, limit: number): Promise<{ pages: any[][]; ids: string[] }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const pages: any[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor
      ? `?limit=${limit}&cursor=${encodeURIComponent(cursor)}`
      : `?limit=${limit}`;
    const response = await t.request(`/chat/sessions${query}`, { as });
    const body = await readJson(response);
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['data', 'next_cursor']);
    pages.push(body.data);
    cursor = body.next_cursor;
    if (cursor !== null) expect(typeof cursor).toBe('string');
    expect(pages.length).toBeLessThan(50);
  } while (cursor !== null);
  return { pages, ids: pages.flat().map((s) => s.id) };
}

describe('POST /chat/sessions', () => {
  test('creates a session with the defaults "New Chat" and "general"', async () => {
    const before = Date.now();
    const response = await t.request('/chat/sessions', { method: 'POST', json: {} });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const session = await readJson(response);
    expectSession(session);
    expect(session).toMatchObject({
      title: 'New Chat',
      mode: 'general',
      status: 'active',
      context_tags: [],
      message_count: 0,
      last_message_at: null,
    });
    expect(new Date(session.created_at).getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect(new Date(session.created_at).getTime()).toBeLessThanOrEqual(Date.now() + 5000);
  });

  test('an empty body is valid too', async () => {
    const response = await t.request('/chat/sessions', { method: 'POST' });
    expect(response.status).toBe(201);
    expectSession(await readJson(response));
  });

  test('takes a title and a mode', async () => {
    const session = await createSession(t, 'alice', { title: 'Video ideas', mode: 'ideas' });
    expectSession(session);
    expect(session.title).toBe('Video ideas');
    expect(session.mode).toBe('ideas');
  });
});

describe('GET /chat/sessions', () => {
  test('lists the caller’s sessions, latest activity first, with message_count', async () => {
    const user = 'lister';
    const first = await createSession(t, user, { title: 'first' });
    const second = await createSession(t, user, { title: 'second' });
    const third = await createSession(t, user, { title: 'third' });

    let body = await readJson(await t.request('/chat/sessions', { as: user }));
    expect(body.data.map((s: { id: string }) => s.id)).toEqual([third.id, second.id, first.id]);
    expect(body.next_cursor).toBeNull();
    for (const session of body.data) expectSession(session);

    // A message makes the oldest session the most recent.
    await sendMessage(t, first.id, 'hello', { as: user });
    body = await readJson(await t.request('/chat/sessions', { as: user }));
    expect(body.data.map((s: { id: string }) => s.id)).toEqual([first.id, third.id, second.id]);
    const listedFirst = body.data[0];
    expect(listedFirst.message_count).toBe(2);
    expect(listedFirst.last_message_at).not.toBeNull();
    expect(body.data[1].message_count).toBe(0);
  });

  test('paginates by keyset across pages: no duplicates, no gaps, next_cursor null at the end', async () => {
    const user = 'pager';
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createSession(t, user, { title: `s${i}` })).id);
    const expected = [...created].reverse();

    const { pages, ids } = await listAll(user, 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);

    const whole = await listAll(user, 100);
    expect(whole.pages).toHaveLength(1);
    expect(whole.ids).toEqual(expected);

    // An exact multiple of the page size ends with next_cursor null, not an empty page.
    const exact = await listAll(user, 7);
    expect(exact.pages.map((page) => page.length)).toEqual([7]);
  });

  test('a session created while paging does not shift later pages', async () => {
    const user = 'pager2';
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createSession(t, user)).id);
    const firstPage = await readJson(await t.request('/chat/sessions?limit=2', { as: user }));
    await createSession(t, user, { title: 'newcomer' });
    const rest = await readJson(
      await t.request(
        `/chat/sessions?limit=100&cursor=${encodeURIComponent(firstPage.next_cursor)}`,
        {
          as: user,
        },
      ),
    );
    const seen = [...firstPage.data, ...rest.data].map((s: { id: string }) => s.id);
    expect(seen).toEqual([...created].reverse());
  });

  test('the default page size is 20', async () => {
    const user = 'many';
    for (let i = 0; i < 21; i++) await createSession(t, user);
    const body = await readJson(await t.request('/chat/sessions', { as: user }));
    expect(body.data).toHaveLength(20);
    expect(body.next_cursor).not.toBeNull();
  });

  test('a new user has an empty list', async () => {
    const response = await t.request('/chat/sessions', { as: 'nobody-yet' });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ data: [], next_cursor: null });
  });
});

describe('GET /chat/sessions/{id}', () => {
  test('answers the session', async () => {
    const session = await createSession(t, 'alice', { title: 'Get me' });
    const response = await t.request(`/chat/sessions/${session.id}`);
    expect(response.status).toBe(200);
    const got = await readJson(response);
    expectSession(got);
    expect(got).toEqual(session);
  });

  test('an unknown id answers 404 not_found', async () => {
    await expectError(await t.request(`/chat/sessions/${MISSING_ID}`), 404, 'not_found');
  });
});

describe('PATCH /chat/sessions/{id}', () => {
  test('renames a session', async () => {
    const session = await createSession(t);
    const response = await t.request(`/chat/sessions/${session.id}`, {
      method: 'PATCH',
      json: { title: 'Renamed' },
    });
    expect(response.status).toBe(200);
    const updated = await readJson(response);
    expectSession(updated);
    expect(updated).toMatchObject({
      id: session.id,
      title: 'Renamed',
      status: 'active',
      mode: session.mode,
    });
    expect(updated.created_at).toBe(session.created_at);
    expect(new Date(updated.updated_at).getTime()).toBeGreaterThanOrEqual(
      new Date(session.updated_at).getTime(),
    );
    expect(await readJson(await t.request(`/chat/sessions/${session.id}`))).toEqual(updated);
  });

  test('archives and re-activates a session; archived sessions stay listed', async () => {
    const user = 'archiver';
    const session = await createSession(t, user);
    const archived = await readJson(
      await t.request(`/chat/sessions/${session.id}`, {
        method: 'PATCH',
        as: user,
        json: { status: 'archived' },
      }),
    );
    expectSession(archived);
    expect(archived.status).toBe('archived');
    expect(archived.title).toBe(session.title);
    const list = await readJson(await t.request('/chat/sessions', { as: user }));
    expect(list.data.find((s: { id: string }) => s.id === session.id)?.status).toBe('archived');

    const both = await readJson(
      await t.request(`/chat/sessions/${session.id}`, {
        method: 'PATCH',
        as: user,
        json: { status: 'active', title: 'Back' },
      }),
    );
    expect(both).toMatchObject({ status: 'active', title: 'Back' });
  });

  test('a change counts as activity: the changed session moves to the top of the list', async () => {
    const user = 'toucher';
    const older = await createSession(t, user, { title: 'older' });
    const newer = await createSession(t, user, { title: 'newer' });
    await t.request(`/chat/sessions/${older.id}`, {
      method: 'PATCH',
      as: user,
      json: { title: 'touched' },
    });
    const list = await readJson(await t.request('/chat/sessions', { as: user }));
    expect(list.data.map((s: { id: string }) => s.id)).toEqual([older.id, newer.id]);
  });

  test('an empty change answers 400 and an unknown id 404', async () => {
    const session = await createSession(t);
    await expectError(
      await t.request(`/chat/sessions/${session.id}`, { method: 'PATCH', json: {} }),
      400,
      'invalid_request',
    );
    await expectError(
      await t.request(`/chat/sessions/${MISSING_ID}`, { method: 'PATCH', json: { title: 'x' } }),
      404,
      'not_found',
    );
  });
});

describe('DELETE /chat/sessions/{id}', () => {
  test('answers 204 and deletes the session and all its messages', async () => {
    const session = await createSession(t);
    await sendMessage(t, session.id, 'one');
    await sendMessage(t, session.id, 'two');
    expect(await messageRows(t, session.id)).toHaveLength(4);

    const response = await t.request(`/chat/sessions/${session.id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('x-request-id')).toBeTruthy();

    await expectError(await t.request(`/chat/sessions/${session.id}`), 404, 'not_found');
    await expectError(await t.request(`/chat/messages/${session.id}`), 404, 'not_found');
    expect(await messageRows(t, session.id)).toHaveLength(0);
    const list = await readJson(await t.request('/chat/sessions?limit=100'));
    expect(list.data.map((s: { id: string }) => s.id)).not.toContain(session.id);

    // Deleting again: it is gone.
    await expectError(
      await t.request(`/chat/sessions/${session.id}`, { method: 'DELETE' }),
      404,
      'not_found',
    );
  });
});
