import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { MISSING_ID, createSession, expectError, messageRows } from '../support/contract.js';
import { eventually, messageBody, readJson, readSse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { sendStreaming } from './helpers.js';

const CAP = 4;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ STREAMS_PER_USER: String(CAP) });
});
afterAll(() => t.close());

/** A reply that runs for ~30 s unless stopped: long enough for everything a test does to it. */
const longReply = () =>
  t.claude.enqueue({
    kind: 'text',
    chunks: Array.from({ length: 300 }, (_, i) => `w${i} `),
    chunkDelayMs: 100,
  });

interface Attach {
  response: Response;
  controller: AbortController;
}

function attach(replyId: string, as: string): Promise<Attach> {
  const controller = new AbortController();
  return t
    .request(`/chat/messages/${replyId}/stream`, { as, signal: controller.signal })
    .then((response) => ({ response, controller }));
}

async function liveStreams(): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(/^repruv_live_streams (\d+)$/m.exec(text)?.[1]);
}

/** Starts a long reply for `as` and leaves its stream: the reply goes on, holding no slot. */
async function startReply(as: string): Promise<{ sessionId: string; replyId: string }> {
  longReply();
  const sessionId = (await createSession(t, as)).id as string;
  const others = await liveStreams();
  const controller = new AbortController();
  const response = await sendStreaming(t, sessionId, 'go on', { as, signal: controller.signal });
  expect(response.status).toBe(200);
  const created = (await readSse(response).next()).value!;
  controller.abort();
  await eventually(async () => (await liveStreams()) === others);
  return { sessionId, replyId: created.data.assistant_message.id };
}

/** Each test starts with no stream open, so that every slot a test counts is its own. */
afterEach(async () => {
  await eventually(async () => (await liveStreams()) === 0, 10_000);
});

async function expectStreamCapError(response: Response): Promise<void> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const body = await expectError(response, 429, 'rate_limited');
  expect(body.error.message).toContain(`at most ${CAP}`);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(5);
}

test('50 re-attaches by one user to one reply: 4 are served, 46 get 429; closing one frees one slot', async () => {
  const { replyId } = await startReply('reader');
  const attaches = await Promise.all(Array.from({ length: 50 }, () => attach(replyId, 'reader')));
  const served = attaches.filter((a) => a.response.status === 200);
  const refused = attaches.filter((a) => a.response.status !== 200);
  expect(served).toHaveLength(CAP);
  expect(refused).toHaveLength(50 - CAP);
  for (const { response } of refused) await expectStreamCapError(response);
  for (const { response } of served) {
    expect((await readSse(response).next()).value!.event).toBe('message.created');
  }

  served[0]!.controller.abort();
  const again = await eventually(async () => {
    const next = await attach(replyId, 'reader');
    if (next.response.status === 200) return next;
    await next.response.body?.cancel();
    return undefined;
  });
  const over = await attach(replyId, 'reader');
  await expectStreamCapError(over.response);

  // Another user is not affected by this one's streams.
  const other = await startReply('bystander');
  const theirs = await attach(other.replyId, 'bystander');
  expect(theirs.response.status).toBe(200);

  for (const { controller } of [...served, again!, theirs]) controller.abort();
  await t.request(`/chat/messages/${replyId}/stop`, { method: 'POST', as: 'reader' });
  await t.request(`/chat/messages/${other.replyId}/stop`, { method: 'POST', as: 'bystander' });
});

test('over the cap, a send is refused before anything is stored or Claude is asked, streamed or not', async () => {
  const { replyId } = await startReply('sender');
  // Re-attaches refused for what they ask hold no slot: an unknown id, a bad Last-Event-ID.
  for (let i = 0; i < CAP + 2; i++) {
    const unknown = await t.request(`/chat/messages/${MISSING_ID}/stream`, { as: 'sender' });
    await expectError(unknown, 404, 'not_found');
    const bad = await t.request(`/chat/messages/${replyId}/stream`, {
      as: 'sender',
      headers: { 'Last-Event-ID': 'x'.repeat(10_000) },
    });
    await expectError(bad, 400, 'invalid_request');
  }
  const held = await Promise.all(Array.from({ length: CAP }, () => attach(replyId, 'sender')));
  expect(held.map((a) => a.response.status)).toEqual(Array(CAP).fill(200));
  // Over the cap the slot is refused before the reply is looked up: a storm costs no reads.
  await expectError(
    await t.request(`/chat/messages/${MISSING_ID}/stream`, { as: 'sender' }),
    429,
    'rate_limited',
  );

  const sessionId = (await createSession(t, 'sender')).id as string;
  const claudeCalls = t.claude.requests.length;
  const streamed = await sendStreaming(t, sessionId, 'one more', { as: 'sender' });
  expect(streamed.headers.get('content-type')).toMatch(/^application\/json/);
  await expectStreamCapError(streamed);
  const plain = await t.request('/chat/messages', {
    method: 'POST',
    as: 'sender',
    json: messageBody(sessionId, 'one more'),
  });
  await expectStreamCapError(plain);
  expect(await messageRows(t, sessionId)).toHaveLength(0);
  expect(t.claude.requests.length).toBe(claudeCalls);

  for (const { controller } of held) controller.abort();
  await t.request(`/chat/messages/${replyId}/stop`, { method: 'POST', as: 'sender' });
  // Once the streams are closed, the same send goes through.
  const sent = await eventually(async () => {
    const response = await t.request('/chat/messages', {
      method: 'POST',
      as: 'sender',
      json: messageBody(sessionId, 'one more', 'retry-1'),
    });
    return response.status === 201 ? response : undefined;
  });
  expect((await readJson(sent!)).assistant_message.status).toBe('complete');
});

test('a send that waits for its whole reply holds a slot until the reply ends', async () => {
  const sessions: string[] = [];
  for (let i = 0; i < CAP; i++) sessions.push((await createSession(t, 'waiter')).id as string);
  const claudeCalls = t.claude.requests.length;
  for (let i = 0; i < CAP; i++) longReply();
  const waiting = sessions.map((sessionId) =>
    t.request('/chat/messages', {
      method: 'POST',
      as: 'waiter',
      json: messageBody(sessionId, 'take your time'),
    }),
  );
  await t.claude.waitForRequests(claudeCalls + CAP);

  const extra = (await createSession(t, 'waiter')).id as string;
  await expectStreamCapError(await sendStreaming(t, extra, 'and me', { as: 'waiter' }));
  expect(await messageRows(t, extra)).toHaveLength(0);

  for (const sessionId of sessions) {
    const reply = await eventually(async () =>
      (await messageRows(t, sessionId)).find((row) => row.role === 'assistant'),
    );
    await t.request(`/chat/messages/${reply.id}/stop`, { method: 'POST', as: 'waiter' });
  }
  for (const response of await Promise.all(waiting)) expect(response.status).toBe(201);
  const after = await sendStreaming(t, extra, 'and me', { as: 'waiter' });
  expect(after.status).toBe(200);
  await after.body?.cancel();
});
