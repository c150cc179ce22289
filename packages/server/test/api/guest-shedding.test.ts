/**
 * Under pressure (here: an event-loop threshold of 0, so every sample counts), anonymous guests
 * are refused before anything is read, and nobody else is.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Site } from '../../src/db/models/index.js';
import { expectError } from '../support/contract.js';
import { requestGuestToken, userHash } from '../support/guests.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let site: Site;
beforeAll(async () => {
  t = await startTestServer({ GUEST_SHED_EVENT_LOOP: '0' });
  site = await t.server.sites.add('Busy site', ['http://localhost:*']);
  await new Promise((resolve) => setTimeout(resolve, 250)); // the first samples
});
afterAll(async () => {
  await t?.close();
});

async function guestToken(body: Record<string, unknown> = {}): Promise<string> {
  const response = await requestGuestToken(t, { site_key: site.site_key, ...body });
  const json = await readJson(response);
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json.token as string;
}

const asToken = (token: string) => ({ as: null, headers: { Authorization: `Bearer ${token}` } });
const countRows = async (table: string) =>
  Number(((await t.server.db(table).count({ n: '*' })) as { n: string }[])[0]!.n);

test('an anonymous guest is answered 503 overloaded with Retry-After, and nothing is stored', async () => {
  const token = await guestToken(); // minting still answers: it reads nothing
  const users = await countRows('users');
  const sessions = await countRows('ai_chat_sessions');
  // A lone visitor is no flood: one request at a time still goes in. Hold one in hand (its body
  // never ends), and every other waits.
  const holding = new AbortController();
  const held = fetch(`${t.url}/api/v1/chat/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array([123])) }),
    duplex: 'half',
    signal: holding.signal,
  } as RequestInit).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const responses = await Promise.all([
    ...Array.from({ length: 20 }, () =>
      t.request('/chat/sessions', { method: 'POST', json: {}, ...asToken(token) }),
    ),
    t.request('/chat/sessions', asToken(token)),
    t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: '00000000-0000-4000-8000-000000000000', content: 'hi' },
      ...asToken(token),
    }),
    t.request('/chat/messages/00000000-0000-4000-8000-000000000000/stream', asToken(token)),
  ]);
  for (const response of responses) {
    expect(response.headers.get('retry-after')).toBe('2');
    const body = await expectError(response, 503, 'overloaded');
    expect(body.error.message).toMatch(/busy/);
  }
  holding.abort();
  await held;
  expect(await countRows('users')).toBeLessThanOrEqual(users + 1); // the held one's; the refused: none
  expect(await countRows('ai_chat_sessions')).toBe(sessions);
});

test('a missing or forged host token is still 401; a token claiming to be a guest waits like one', async () => {
  await expectError(await t.request('/chat/sessions', { as: null }), 401, 'unauthorized');
  const forgedHost = `${(await t.tokenFor('host-user')).slice(0, -4)}AAAA`;
  await expectError(await t.request('/chat/sessions', asToken(forgedHost)), 401, 'unauthorized');
  // Shed before its signature is checked (it says no more than its bearer sent); a lone one goes
  // in, and its signature is checked then.
  const forgedGuest = `${(await guestToken()).slice(0, -4)}AAAA`;
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => t.request('/chat/sessions', asToken(forgedGuest))),
  );
  expect(answers.map((r) => r.status).sort()).toEqual([401, 503, 503, 503, 503]);
});

test("a visitor the host verified and a host's own user go on chatting", async () => {
  const verified = await guestToken({
    user_id: 'member-7',
    user_hash: userHash(site.identity_secret!, 'member-7'),
  });
  const created = await t.request('/chat/sessions', {
    method: 'POST',
    json: {},
    ...asToken(verified),
  });
  expect(created.status).toBe(201);
  const session = await readJson(created);
  const sent = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: session.id, content: 'hello' },
    ...asToken(verified),
  });
  expect(sent.status).toBe(201);

  const hostSession = await readJson(
    await t.request('/chat/sessions', { method: 'POST', as: 'host-user', json: {} }),
  );
  const hostSend = await t.request('/chat/messages', {
    method: 'POST',
    as: 'host-user',
    json: { session_id: hostSession.id, content: 'hello' },
  });
  expect(hostSend.status).toBe(201);
  expect((await readJson(hostSend)).assistant_message.status).toBe('complete');
});

test('a host token whose sub looks like a guest is not anonymous: only guest tokens are', async () => {
  const response = await t.request('/chat/sessions', {
    method: 'POST',
    as: 'guest:1234',
    json: {},
  });
  expect(response.status).toBe(201);
});
