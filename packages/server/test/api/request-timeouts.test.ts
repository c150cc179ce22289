import { expect, test } from 'vitest';
import { createSession } from '../support/contract.js';
import { collectSse, readJson } from '../support/http.js';
import { dribble, jsonOf, openRaw, statusOf, type RawClient } from '../support/raw-socket.js';
import { useTestServer } from '../support/test-server.js';
import { sendStreaming } from '../streaming/helpers.js';

// Short limits, so that a slow client runs out of time within a test.
const HEADERS_S = 1;
const BODY_S = 1.5;
const t = useTestServer({ HEADERS_TIMEOUT_S: String(HEADERS_S), BODY_TIMEOUT_S: String(BODY_S) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectJsonTimeout(client: RawClient, what: 'headers' | 'body') {
  expect(statusOf(client.received)).toBe(408);
  expect(client.received).toMatch(/\r\ncontent-type: application\/json/i);
  expect(client.received).toMatch(/\r\nconnection: close\r\n/i);
  const body = jsonOf(client.received);
  expect(body.error.code).toBe('request_timeout');
  expect(body.error.message).toContain(what);
  expect(typeof body.request_id).toBe('string');
}

async function postHead(path: string, contentLength: number): Promise<string> {
  return [
    `POST /api/v1${path} HTTP/1.1`,
    'Host: x',
    `Authorization: Bearer ${await t.tokenFor('slow')}`,
    'Content-Type: application/json',
    `Content-Length: ${contentLength}`,
    '',
    '',
  ].join('\r\n');
}

test('headers dribbled a byte at a time: a JSON 408 once the headers timeout passes, and the connection closed', async () => {
  const client = await openRaw(t.url);
  const head = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(200)}\r\n\r\n`;
  const sent = await dribble(client, head, 50); // 10 s for the whole head at this pace
  await client.closed;
  expect(sent).toBeLessThan(head.length);
  expectJsonTimeout(client, 'headers');
});

test('a connection that sends nothing is closed after the headers timeout', async () => {
  const client = await openRaw(t.url);
  await client.closed;
  expectJsonTimeout(client, 'headers');
});

test('a body dribbled a byte at a time: 408 request_timeout in JSON, nothing stored', async () => {
  const before = await readJson(await t.request('/chat/sessions', { as: 'slow' }));
  const body = JSON.stringify({ title: 'x'.repeat(150) });
  const client = await openRaw(t.url);
  client.socket.write(await postHead('/chat/sessions', Buffer.byteLength(body)));
  const sent = await dribble(client, body, 25); // 4 s for the whole body
  await client.closed;
  expect(sent).toBeLessThan(body.length);
  expectJsonTimeout(client, 'body');
  const after = await readJson(await t.request('/chat/sessions', { as: 'slow' }));
  expect(after.data).toHaveLength(before.data.length);
});

test('a slow client that is in time is served', async () => {
  const body = JSON.stringify({ title: 'slow but steady' });
  const head = await postHead('/chat/sessions', Buffer.byteLength(body));
  const client = await openRaw(t.url);
  // The head in three pieces, then the body in three, well within each limit.
  for (const part of [head.slice(0, 20), head.slice(20, 60), head.slice(60)]) {
    client.socket.write(part);
    await sleep((HEADERS_S * 1000) / 6);
  }
  for (const part of [body.slice(0, 5), body.slice(5, 10), body.slice(10)]) {
    client.socket.write(part);
    await sleep((BODY_S * 1000) / 6);
  }
  await new Promise<void>((resolve) => {
    const check = () => (client.received.includes('slow but steady') ? resolve() : undefined);
    client.socket.on('data', check);
    check();
  });
  expect(statusOf(client.received)).toBe(201);
  client.socket.destroy();
});

test('a reply streamed for longer than every request timeout is not cut, nor is its re-attach', async () => {
  // Node's backstop for the whole request is headers + body + 2 s: outlast it too.
  const chunks = Array.from({ length: 32 }, (_, i) => `w${i} `);
  t.claude.enqueue({ kind: 'text', chunks, chunkDelayMs: 200 });
  const sessionId = await createSession(t, 'streamer').then(
    (session: { id: string }) => session.id,
  );
  const response = await sendStreaming(t, sessionId, 'a long one', { as: 'streamer' });
  expect(response.status).toBe(200);
  const reader = collectSse(response);
  await sleep(300);
  const first = await t.request(`/chat/messages/${await assistantOf(sessionId)}/stream`, {
    as: 'streamer',
  });
  const [sent, followed] = await Promise.all([reader, collectSse(first)]);
  for (const events of [sent, followed]) {
    expect(events.at(-1)!.event).toBe('message.completed');
    expect(events.at(-1)!.data.message.content).toBe(chunks.join(''));
  }
});

async function assistantOf(sessionId: string): Promise<string> {
  const page = await readJson(await t.request(`/chat/messages/${sessionId}`, { as: 'streamer' }));
  return page.data.find((message: { role: string }) => message.role === 'assistant').id;
}
