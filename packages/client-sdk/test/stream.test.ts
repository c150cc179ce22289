import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  type ChatStream,
  NotFoundError,
  RepruvClient,
  UpstreamError,
  type ChatStreamEvent,
  type Session,
} from '../src/index.js';
import { startFakeApi, type FakeApi } from './support/fake-api.js';

const REPLY = 'Hello wörld 😀!';

let server: FakeApi;
let client: RepruvClient;
let session: Session;
beforeEach(async () => {
  server = startFakeApi();
  client = new RepruvClient({ baseUrl: server.url, token: 'good' });
  session = server.addSession();
});
afterEach(() => server.close());

async function collect(stream: ChatStream): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const deltaText = (events: ChatStreamEvent[]) =>
  events.map((e) => (e.type === 'delta' ? e.text : '')).join('');

describe('messages.stream', () => {
  it('yields created, the deltas in order, then completed', async () => {
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    const events = await collect(stream);
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'delta',
      'delta',
      'delta',
      'delta',
      'delta',
      'completed',
    ]);
    expect(events.map((e) => e.id)).toEqual(['0', '3', '6', '9', '14', '15', '15:end']);
    expect(deltaText(events)).toBe(REPLY);
    expect(stream.messageId).toBe(server.messages[1]?.id);
    expect(stream.userMessage).toMatchObject({ role: 'user', content: 'Hi' });
    await expect(stream.text()).resolves.toBe(REPLY);
    await expect(stream.finalMessage()).resolves.toMatchObject({
      content: REPLY,
      status: 'complete',
    });
    const post = server.calls('POST', /\/chat\/messages$/)[0];
    expect(post?.query.get('stream')).toBe('true');
    expect(post?.headers.accept).toBe('text/event-stream');
  });

  it('feeds .on() listeners and text() without anyone iterating', async () => {
    const seen: string[] = [];
    const stream = client.messages
      .stream({ sessionId: session.id, content: 'Hi' })
      .on('created', (e) => seen.push(`created:${e.assistant_message.id === stream.messageId}`))
      .on('delta', (e) => seen.push(e.text))
      .on('completed', (e) => seen.push(`completed:${e.message.status}`));
    await expect(stream.text()).resolves.toBe(REPLY);
    expect(seen).toEqual(['created:true', 'Hel', 'lo ', 'wör', 'ld 😀', '!', 'completed:complete']);
  });

  it('survives events written a byte at a time, with CRLF line ends', async () => {
    server.bytesPerWrite = 1;
    server.eol = '\r\n';
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    expect(deltaText(await collect(stream))).toBe(REPLY);
  });

  it('re-attaches with Last-Event-ID after the socket is cut mid-reply: no text lost or repeated', async () => {
    server.cutAfterDeltas.push(2);
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    const events = await collect(stream);
    expect(deltaText(events)).toBe(REPLY);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'completed', message: { content: REPLY } });
    const resume = server.calls('GET', /\/stream$/);
    expect(resume).toHaveLength(1);
    expect(resume[0]?.path).toBe(`/api/v1/chat/messages/${stream.messageId}/stream`);
    expect(resume[0]?.headers['last-event-id']).toBe('6');
    expect(server.messages).toHaveLength(2);
  });

  it('re-attaches again and again when the socket keeps being cut', async () => {
    server.cutAfterDeltas.push(1, 1, 1, 1);
    server.chunkDelayMs = 60;
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    expect(deltaText(await collect(stream))).toBe(REPLY);
    expect(server.calls('GET', /\/stream$/).length).toBeGreaterThanOrEqual(3);
  });

  it('trims a replay that overlaps what it already has', async () => {
    server.cutAfterDeltas.push(3);
    server.resumeOverlap = 4;
    server.chunkDelayMs = 30;
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    const events = await collect(stream);
    expect(deltaText(events)).toBe(REPLY);
    const ids = events.filter((e) => e.type === 'delta').map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('resumes from message.created when the cut came before any delta', async () => {
    server.cutAfterDeltas.push(0);
    server.chunkDelayMs = 20;
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    expect(deltaText(await collect(stream))).toBe(REPLY);
    expect(server.calls('GET', /\/stream$/)[0]?.headers['last-event-id']).toBe('0');
  });

  it('re-sends the POST with the same client_message_id when it broke before any event', async () => {
    server.cutAfterDeltas.push(-1);
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    expect(deltaText(await collect(stream))).toBe(REPLY);
    const posts = server.calls('POST', /\/chat\/messages$/);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body?.client_message_id).toBe(posts[0]?.body?.client_message_id);
    expect(server.messages).toHaveLength(2);
  });

  it('re-sends the POST when the request itself is cut', async () => {
    server.failNext({ status: 0, code: '', cut: true, match: /POST/ });
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'Hi',
      clientMessageId: 'cm-1',
    });
    await expect(stream.text()).resolves.toBe(REPLY);
    expect(server.calls('POST', /\/chat\/messages$/).map((r) => r.body?.client_message_id)).toEqual(
      ['cm-1', 'cm-1'],
    );
  });

  it('follows a repeated send answered with the stored pair as JSON', async () => {
    server.repeatAsJson = true;
    await client.messages.send({ sessionId: session.id, content: 'Hi', clientMessageId: 'cm-2' });
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'Hi',
      clientMessageId: 'cm-2',
    });
    const events = await collect(stream);
    expect(events.map((e) => e.type)).toEqual(['created', 'delta', 'completed']);
    expect(deltaText(events)).toBe(REPLY);
    expect(server.messages).toHaveLength(2);
  });

  it('gives up after a bounded number of reconnections', async () => {
    server.cutAfterDeltas.push(1);
    server.failNext({ status: 0, code: '', cut: true, match: /GET/, times: 100 });
    const patient = new RepruvClient({ baseUrl: server.url, token: 'good', maxRetries: 0 });
    const stream = patient.messages.stream({ sessionId: session.id, content: 'Hi' });
    await expect(stream.text()).rejects.toMatchObject({ name: 'NetworkError' });
    expect(server.calls('GET', /\/stream$/)).toHaveLength(5);
  }, 30_000);

  it('emits an error event, then throws the typed error', async () => {
    server.replyError = { code: 'upstream_error', message: 'Claude failed' };
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    const listened: unknown[] = [];
    stream.on('error', (e) => listened.push(e.error.code));
    const events: ChatStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of stream) events.push(event);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, message: 'Claude failed' });
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'upstream_error', retryable: false },
    });
    expect(listened).toEqual(['upstream_error']);
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(UpstreamError);
  });

  it('rejects with the typed error when the send is refused', async () => {
    const stream = client.messages.stream({
      sessionId: '00000000-0000-4000-8000-000000000000',
      content: 'Hi',
    });
    await expect(stream.text()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('abort', () => {
  beforeEach(() => {
    server.chunkDelayMs = 40;
  });

  it('.abort() ends iteration with AbortError and stops the reply on the server', async () => {
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    const events: ChatStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of stream) {
        events.push(event);
        if (event.type === 'delta') stream.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    await expect(stream.text()).rejects.toBeInstanceOf(AbortError);
    await vi_waitFor(() => server.calls('POST', /\/stop$/).length === 1);
    expect(server.calls('POST', /\/stop$/)[0]?.path).toBe(
      `/api/v1/chat/messages/${stream.messageId}/stop`,
    );
    expect(server.replies.get(stream.messageId!)?.message).toMatchObject({
      status: 'stopped',
      content: 'Hel',
    });
  });

  it('an AbortSignal does the same', async () => {
    const controller = new AbortController();
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'Hi',
      signal: controller.signal,
    });
    stream.on('delta', () => controller.abort());
    await expect(collect(stream)).rejects.toBeInstanceOf(AbortError);
    await vi_waitFor(() => server.calls('POST', /\/stop$/).length === 1);
  });

  it('breaking out of the loop stops the reply too', async () => {
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    for await (const event of stream) if (event.type === 'delta') break;
    await vi_waitFor(() => server.calls('POST', /\/stop$/).length === 1);
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
  });

  it('an abort before the message is known sends no stop', async () => {
    const controller = new AbortController();
    controller.abort();
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'Hi',
      signal: controller.signal,
    });
    await expect(stream.text()).rejects.toBeInstanceOf(AbortError);
    expect(server.calls('POST', /\/stop$/)).toHaveLength(0);
  });

  it('abort after completion changes nothing', async () => {
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    await stream.text();
    stream.abort();
    await expect(stream.text()).resolves.toBe(REPLY);
    expect(server.calls('POST', /\/stop$/)).toHaveLength(0);
  });

  it('messages.stop stops a reply and returns it', async () => {
    const stream = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    await new Promise((resolve) => stream.on('delta', resolve));
    const stopped = await client.messages.stop(stream.messageId!);
    expect(stopped).toMatchObject({ status: 'stopped' });
    await expect(stream.finalMessage()).resolves.toMatchObject({ status: 'stopped' });
  });
});

describe('messages.resume', () => {
  it('replays a finished reply from the start', async () => {
    const { assistant_message } = await client.messages.send({
      sessionId: session.id,
      content: 'Hi',
    });
    const stream = client.messages.resume(assistant_message.id);
    const events = await collect(stream);
    expect(events.map((e) => e.type)).toEqual(['created', 'delta', 'completed']);
    expect(deltaText(events)).toBe(REPLY);
    expect(stream.userMessage).toMatchObject({ content: 'Hi' });
  });

  it('replays only what came after lastEventId', async () => {
    const { assistant_message } = await client.messages.send({
      sessionId: session.id,
      content: 'Hi',
    });
    const stream = client.messages.resume(assistant_message.id, { lastEventId: '6' });
    const events = await collect(stream);
    expect(deltaText(events)).toBe(REPLY.slice(6));
    expect(server.requests.at(-1)?.headers['last-event-id']).toBe('6');
    await expect(stream.text()).resolves.toBe(REPLY);
  });

  it('follows a reply still streaming', async () => {
    server.chunkDelayMs = 30;
    const first = client.messages.stream({ sessionId: session.id, content: 'Hi' });
    await new Promise((resolve) => first.on('delta', resolve));
    const second = client.messages.resume(first.messageId!, { lastEventId: '3' });
    expect(deltaText(await collect(second))).toBe(REPLY.slice(3));
    await expect(first.text()).resolves.toBe(REPLY);
  });
});

async function vi_waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
