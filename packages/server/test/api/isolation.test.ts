import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSession, expectError, messageRows, sendMessage } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let aliceSession: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let alicePair: any;

beforeAll(async () => {
  t = await startTestServer();
  aliceSession = await createSession(t, 'alice', { title: "Alice's" });
  alicePair = await sendMessage(t, aliceSession.id, 'private thoughts');
});
afterAll(async () => {
  await t?.close();
});

async function aliceState() {
  return {
    session: await readJson(await t.request(`/chat/sessions/${aliceSession.id}`)),
    rows: await messageRows(t, aliceSession.id),
  };
}

describe('another user’s ids answer 404, never 403, and change nothing', () => {
  const routes: Array<[string, string, (() => unknown) | undefined]> = [
    ['GET', '/chat/sessions/{session}', undefined],
    ['PATCH', '/chat/sessions/{session}', () => ({ title: 'hijacked', status: 'archived' })],
    ['DELETE', '/chat/sessions/{session}', undefined],
    ['GET', '/chat/messages/{session}', undefined],
    ['GET', '/chat/messages/{session}?before={user}', undefined],
    ['POST', '/chat/messages/{assistant}/stop', undefined],
    ['POST', '/chat/messages/{user}/stop', undefined],
    ['GET', '/chat/messages/{assistant}/stream', undefined],
    ['GET', '/chat/messages/{user}/stream', undefined],
    ['POST', '/chat/messages', () => ({ session_id: aliceSession.id, content: 'sneaky' })],
    [
      'POST',
      '/chat/messages?stream=true',
      () => ({ session_id: aliceSession.id, content: 'sneaky' }),
    ],
    [
      'POST',
      '/chat/messages',
      () => ({
        session_id: aliceSession.id,
        content: 'private thoughts',
        client_message_id: 'alice-1',
      }),
    ],
  ];

  test.each(routes)('bob: %s %s', async (method, template, body) => {
    const before = await aliceState();
    const requests = t.claude.requests.length;
    const path = template
      .replace('{session}', aliceSession.id)
      .replace('{user}', alicePair.user_message.id)
      .replace('{assistant}', alicePair.assistant_message.id);
    const response = await t.request(path, {
      method,
      as: 'bob',
      ...(body ? { json: body() } : {}),
    });
    await expectError(response, 404, 'not_found');
    expect(await aliceState()).toEqual(before);
    expect(t.claude.requests.length).toBe(requests);
  });

  test('bob’s list shows none of alice’s sessions', async () => {
    await createSession(t, 'bob', { title: "Bob's" });
    const list = await readJson(await t.request('/chat/sessions?limit=100', { as: 'bob' }));
    expect(list.data.map((s: { title: string }) => s.title)).toEqual(["Bob's"]);
  });

  test('alice still sees everything as it was', async () => {
    const { session, rows } = await aliceState();
    expect(session).toMatchObject({ title: "Alice's", status: 'active', message_count: 2 });
    expect(rows.map((row: { id: string }) => row.id)).toEqual([
      alicePair.user_message.id,
      alicePair.assistant_message.id,
    ]);
    const history = await readJson(await t.request(`/chat/messages/${aliceSession.id}`));
    expect(history.data).toEqual([alicePair.user_message, alicePair.assistant_message]);
  });
});
