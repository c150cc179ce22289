import { describe, expect, it } from 'vitest';
import { AbortError, type ChatStream, type ChatStreamEvent } from '../../src/index.js';
import {
  clientFor,
  collect,
  deltaText,
  eventually,
  messageRows,
  rejectionOf,
  SLOW_REPLY,
  useCuttableProxy,
  useTestServer,
} from './support.js';

const t = useTestServer();
const proxy = useCuttableProxy(t);

/** Iterates until `deltas` deltas arrived, calls `abort`, and returns what the loop saw and threw. */
async function readThenAbort(stream: ChatStream, deltas: number, abort: () => void) {
  const events: ChatStreamEvent[] = [];
  const error = await rejectionOf(
    (async () => {
      for await (const event of stream) {
        events.push(event);
        if (events.filter((e) => e.type === 'delta').length === deltas) abort();
      }
    })(),
  );
  return { events, error };
}

async function stoppedRow(messageId: string) {
  return eventually(async () => {
    const row = await t.server.db('ai_chat_messages').where({ id: messageId }).first();
    return row?.status === 'stopped' ? row : undefined;
  }, 3000);
}

describe('aborting a reply mid-way', () => {
  it('via the signal: iteration throws AbortError and the server keeps the partial, stopped', async () => {
    const client = clientFor(t, 'aborter');
    const session = await client.sessions.create();
    t.claude.enqueue(SLOW_REPLY);
    const controller = new AbortController();
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'long please',
      signal: controller.signal,
    });
    const { events, error } = await readThenAbort(stream, 3, () => controller.abort());
    expect(error).toBeInstanceOf(AbortError);
    expect(await rejectionOf(stream.text())).toBeInstanceOf(AbortError);

    const row = await stoppedRow(stream.messageId!);
    expect(row.stop_reason).toBe('user'); // told by the SDK, not a disconnect timing out
    const received = deltaText(events);
    expect(received.startsWith('word0 word1 word2 ')).toBe(true);
    expect(row.content.startsWith(received)).toBe(true);
    expect(row.content.length).toBeLessThan(SLOW_REPLY.chunks.join('').length);
    expect((await messageRows(t, session.id)).map((r) => r.role)).toEqual(['user', 'assistant']);
  });

  it('via .abort(): the same, and text() rejects with AbortError', async () => {
    const client = clientFor(t, 'aborter');
    const session = await client.sessions.create();
    t.claude.enqueue(SLOW_REPLY);
    const stream = client.messages.stream({ sessionId: session.id, content: 'long please' });
    const { events, error } = await readThenAbort(stream, 2, () => stream.abort());
    expect(error).toBeInstanceOf(AbortError);
    expect(await rejectionOf(stream.finalMessage())).toBeInstanceOf(AbortError);
    const row = await stoppedRow(stream.messageId!);
    expect(row.content.startsWith(deltaText(events))).toBe(true);
    expect(row.content.length).toBeLessThan(SLOW_REPLY.chunks.join('').length);
  });

  it('leaving a for-await loop early stops the reply too', async () => {
    const client = clientFor(t, 'aborter');
    const session = await client.sessions.create();
    t.claude.enqueue(SLOW_REPLY);
    const stream = client.messages.stream({ sessionId: session.id, content: 'long please' });
    for await (const event of stream) if (event.type === 'delta') break;
    const row = await stoppedRow(stream.messageId!);
    expect(row.content.startsWith('word0 ')).toBe(true);
  });

  it('a signal aborted before anything was sent sends nothing', async () => {
    const client = clientFor(t, 'aborter');
    const session = await client.sessions.create();
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'never',
      signal: AbortSignal.abort(),
    });
    expect(await rejectionOf(collect(stream))).toBeInstanceOf(AbortError);
    expect(await messageRows(t, session.id)).toHaveLength(0);
  });
});

describe('a connection dropped mid-reply', () => {
  // Where the cut falls, and the last event the SDK had whole (its id goes in Last-Event-ID).
  const deltas = (events: ChatStreamEvent[]) => events.filter((e) => e.type === 'delta');
  it.each([
    ['inside the first delta', 'event: message.delta', 1, (e: ChatStreamEvent[]) => e[0]!.id],
    [
      'inside the third delta',
      'event: message.delta',
      3,
      (e: ChatStreamEvent[]) => deltas(e)[1]!.id,
    ],
    [
      'inside the completed event',
      'event: message.completed',
      1,
      (e: ChatStreamEvent[]) => deltas(e).at(-1)!.id,
    ],
  ])(
    '%s: re-attached with Last-Event-ID, the reply whole, nothing lost or repeated',
    async (_, marker, n, lastWhole) => {
      const direct = clientFor(t, 'dropped');
      const session = await direct.sessions.create();
      const viaProxy = clientFor(t, 'dropped', { baseUrl: proxy.url });
      const chunks = ['Hello ', 'wörld, ', '😀 ', 'this ', 'reply ', 'survives ', 'a ', 'cut.'];
      t.claude.enqueue({ kind: 'text', chunks, chunkDelayMs: 40 });

      proxy.requests.length = 0;
      // Let 25 bytes of that event through, then destroy both sockets.
      const cut = proxy.cutAt(marker, n, 25);
      const stream = viaProxy.messages.stream({ sessionId: session.id, content: 'survive' });
      const events = await collect(stream);
      await cut;
      const full = chunks.join('');

      expect(deltaText(events)).toBe(full);
      await expect(stream.text()).resolves.toBe(full);
      expect(events.filter((e) => e.type === 'created')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'completed')).toHaveLength(1);
      // Delta ids are the running UTF-16 length: no chunk seen twice, none skipped.
      let offset = 0;
      for (const event of deltas(events))
        expect(event.id).toBe(String((offset += event.text.length)));
      expect(
        proxy.requests.map(({ method, path, lastEventId }) => [method, path, lastEventId]),
      ).toEqual([
        ['POST', '/api/v1/chat/messages?stream=true', undefined],
        ['GET', `/api/v1/chat/messages/${stream.messageId}/stream`, lastWhole(events)],
      ]);

      const rows = await messageRows(t, session.id);
      expect(rows.map((r) => [r.role, r.content, r.status])).toEqual([
        ['user', 'survive', 'complete'],
        ['assistant', full, 'complete'],
      ]);
    },
  );

  it.each([
    ['inside the response headers', 'HTTP/1.1 200', 1, 30],
    ['after the headers, before any event', '\r\n\r\n', 1, 4],
  ])(
    '%s: the send is repeated with its client_message_id, no second message',
    async (_, marker, n, extra) => {
      const direct = clientFor(t, 'dropped-early');
      const session = await direct.sessions.create();
      const viaProxy = clientFor(t, 'dropped-early', { baseUrl: proxy.url });
      const chunks = ['Nothing ', 'is ', 'sent ', 'twice.'];
      t.claude.enqueue({ kind: 'text', chunks, chunkDelayMs: 60 });
      proxy.requests.length = 0;
      const calls = t.claude.requests.length;
      const cut = proxy.cutAt(marker, n, extra);
      const stream = viaProxy.messages.stream({ sessionId: session.id, content: 'once' });
      await expect(stream.text()).resolves.toBe(chunks.join(''));
      await cut;

      const posts = proxy.requests.filter((r) => r.method === 'POST');
      expect(posts.length).toBeGreaterThanOrEqual(2);
      const rows = await messageRows(t, session.id);
      expect(rows.map((r) => [r.role, r.content, r.status])).toEqual([
        ['user', 'once', 'complete'],
        ['assistant', chunks.join(''), 'complete'],
      ]);
      expect(t.claude.requests.length).toBe(calls + 1);
    },
  );
});
