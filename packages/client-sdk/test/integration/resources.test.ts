import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  type ChatStreamEvent,
  type Message,
  type Session,
} from '../../src/index.js';
import {
  clientFor,
  collect,
  deltaText,
  eventually,
  messageRows,
  rejectionOf,
  sleep,
  useTestServer,
} from './support.js';

const t = useTestServer();

// Multi-byte text: SSE ids count UTF-16 code units, so the emoji is a good witness.
const CHUNKS = ['Hello ', 'wörld ', '😀', '!'];
const REPLY = CHUNKS.join('');

describe('sessions against the real server', () => {
  it('creates, gets, updates and deletes a session', async () => {
    const client = clientFor(t, 'crud');
    const created = await client.sessions.create({ title: 'Launch ideas', mode: 'ideas' });
    expect(created).toMatchObject({
      title: 'Launch ideas',
      mode: 'ideas',
      status: 'active',
      message_count: 0,
      context_tags: [],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const defaults = await client.sessions.create();
    expect(defaults).toMatchObject({ title: 'New Chat', mode: 'general' });

    expect(await client.sessions.get(created.id)).toEqual(created);

    const renamed = await client.sessions.update(created.id, { title: 'Renamed' });
    expect(renamed).toMatchObject({ id: created.id, title: 'Renamed', status: 'active' });
    const archived = await client.sessions.update(created.id, { status: 'archived' });
    expect(archived).toMatchObject({ title: 'Renamed', status: 'archived' });
    expect(await client.sessions.get(created.id)).toMatchObject({ status: 'archived' });

    await expect(client.sessions.delete(created.id)).resolves.toBeUndefined();
    expect(await rejectionOf(client.sessions.get(created.id))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(client.sessions.delete(created.id))).toBeInstanceOf(NotFoundError);
    expect(await t.server.db('ai_chat_sessions').where({ id: created.id })).toHaveLength(0);

    // Another user's session answers 404 too.
    const other = clientFor(t, 'crud-other');
    expect(await rejectionOf(other.sessions.get(defaults.id))).toBeInstanceOf(NotFoundError);
  });

  it('lists across pages of 2, latest activity first, by page and by iteration', async () => {
    const client = clientFor(t, 'pager');
    const created: Session[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(await client.sessions.create({ title: `S${i}` }));
      await sleep(5); // distinct timestamps, so the order is well defined
    }
    const newestFirst = created.map((s) => s.id).reverse();

    const first = await client.sessions.list({ limit: 2 });
    expect(first.data.map((s) => s.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.next_cursor).toEqual(expect.any(String));
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((s) => s.id)).toEqual(newestFirst.slice(2, 4));
    const third = await second.getNextPage();
    expect(third.data.map((s) => s.id)).toEqual(newestFirst.slice(4));
    expect(third.next_cursor).toBeNull();
    expect(third.hasNextPage()).toBe(false);

    const seen: string[] = [];
    for await (const session of client.sessions.list({ limit: 2 })) seen.push(session.id);
    expect(seen).toEqual(newestFirst);

    // Activity moves a session to the front.
    await client.messages.send({ sessionId: created[0]!.id, content: 'bump' });
    const all: Session[] = [];
    for await (const session of client.sessions.list({ limit: 2 })) all.push(session);
    expect(all.map((s) => s.id)).toEqual([created[0]!.id, ...newestFirst.slice(0, 4)]);
    expect(all[0]!.message_count).toBe(2);
  });
});

describe('messages.send and messages.list', () => {
  it('sends without streaming and gets the stored pair', async () => {
    const client = clientFor(t, 'sender');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'text', chunks: CHUNKS });
    const { user_message, assistant_message } = await client.messages.send({
      sessionId: session.id,
      content: 'Hi there',
      clientMessageId: 'c-1',
    });
    expect(user_message).toMatchObject({
      session_id: session.id,
      role: 'user',
      content: 'Hi there',
      status: 'complete',
      client_message_id: 'c-1',
    });
    expect(assistant_message).toMatchObject({
      session_id: session.id,
      role: 'assistant',
      content: REPLY,
      status: 'complete',
    });
    expect(assistant_message.tokens).toEqual(expect.any(Number));

    // The same client_message_id again: the stored pair, no second message, no second call.
    const calls = t.claude.requests.length;
    const again = await client.messages.send({
      sessionId: session.id,
      content: 'Hi there',
      clientMessageId: 'c-1',
    });
    expect(again.user_message.id).toBe(user_message.id);
    expect(again.assistant_message.id).toBe(assistant_message.id);
    expect(t.claude.requests.length).toBe(calls);
    expect(await messageRows(t, session.id)).toHaveLength(2);
    expect(await client.sessions.get(session.id)).toMatchObject({ message_count: 2 });
  });

  it('lists history by page and iterates backwards over all of it', async () => {
    const client = clientFor(t, 'historian');
    const session = await client.sessions.create();
    const sent: Message[] = [];
    for (const content of ['one', 'two', 'three']) {
      const pair = await client.messages.send({ sessionId: session.id, content });
      sent.push(pair.user_message, pair.assistant_message);
    }
    expect(sent.map((m) => m.content)).toEqual([
      'one',
      'You said: one',
      'two',
      'You said: two',
      'three',
      'You said: three',
    ]);
    const ids = sent.map((m) => m.id);

    const whole = await client.messages.list(session.id);
    expect(whole.data.map((m) => m.id)).toEqual(ids);
    expect(whole.has_more).toBe(false);
    expect(whole.hasNextPage()).toBe(false);

    const newest = await client.messages.list(session.id, { limit: 4 });
    expect(newest.data.map((m) => m.id)).toEqual(ids.slice(2)); // chronological
    expect(newest.has_more).toBe(true);
    const older = await newest.getNextPage();
    expect(older.data.map((m) => m.id)).toEqual(ids.slice(0, 2));
    expect(older.has_more).toBe(false);

    const before = await client.messages.list(session.id, { limit: 2, before: ids[4] });
    expect(before.data.map((m) => m.id)).toEqual(ids.slice(2, 4));

    const backwards: string[] = [];
    for await (const message of client.messages.list(session.id, { limit: 2 })) {
      backwards.push(message.id);
    }
    expect(backwards).toEqual([...ids].reverse());
  });
});

describe('messages.stream', () => {
  it('yields created, the deltas and completed; text(), finalMessage() and .on() agree', async () => {
    const client = clientFor(t, 'streamer');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'text', chunks: CHUNKS, chunkDelayMs: 20 });
    const heard: ChatStreamEvent[] = [];
    const deltas: string[] = [];
    const stream = client.messages
      .stream({ sessionId: session.id, content: 'Greet me' })
      .on('created', (event) => heard.push(event))
      .on('delta', (event) => deltas.push(event.text))
      .on('completed', (event) => heard.push(event));

    const events = await collect(stream);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('created');
    expect(types.at(-1)).toBe('completed');
    expect(new Set(types.slice(1, -1))).toEqual(new Set(['delta']));
    // Delta ids are UTF-16 offsets of the reply text. (A client that falls behind may get
    // queued chunks merged into one delta, so the count of deltas is not fixed.)
    let offset = 0;
    for (const event of events) {
      if (event.type === 'delta') expect(event.id).toBe(String((offset += event.text.length)));
    }
    expect(offset).toBe(REPLY.length);
    expect(deltaText(events)).toBe(REPLY);
    expect(deltas.join('')).toBe(REPLY);
    expect(deltas).toEqual(events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])));
    expect(heard.map((e) => e.type)).toEqual(['created', 'completed']);

    const created = events[0]!;
    if (created.type !== 'created') throw new Error('expected created first');
    expect(created.user_message).toMatchObject({ role: 'user', content: 'Greet me' });
    expect(created.assistant_message).toMatchObject({ status: 'streaming', content: '' });
    expect(stream.messageId).toBe(created.assistant_message.id);
    expect(stream.userMessage?.id).toBe(created.user_message.id);

    await expect(stream.text()).resolves.toBe(REPLY);
    const final = await stream.finalMessage();
    expect(final).toMatchObject({
      id: created.assistant_message.id,
      content: REPLY,
      status: 'complete',
    });
    expect(final.latency_ms).toEqual(expect.any(Number));

    const rows = await messageRows(t, session.id);
    expect(rows.map((r) => [r.role, r.content, r.status])).toEqual([
      ['user', 'Greet me', 'complete'],
      ['assistant', REPLY, 'complete'],
    ]);
  });

  it('text() alone is enough (no iteration)', async () => {
    const client = clientFor(t, 'streamer');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'text', chunks: ['just ', 'text'] });
    const stream = client.messages.stream({ sessionId: session.id, content: 'x' });
    await expect(stream.text()).resolves.toBe('just text');
  });

  it('stop keeps the partial text; stopping a finished reply changes nothing', async () => {
    const client = clientFor(t, 'stopper');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'stall', chunks: ['Half ', 'a reply'] });
    const stream = client.messages.stream({ sessionId: session.id, content: 'go' });
    let received = '';
    const events: ChatStreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'delta') received += event.text;
      if (received === 'Half a reply' && event.type === 'delta') {
        const stopped = await client.messages.stop(stream.messageId!);
        expect(stopped).toMatchObject({ status: 'stopped', content: 'Half a reply' });
      }
    }
    // The stream itself ends normally with completed (status stopped).
    expect(events.at(-1)).toMatchObject({
      type: 'completed',
      message: { status: 'stopped', content: 'Half a reply' },
    });
    await expect(stream.finalMessage()).resolves.toMatchObject({ status: 'stopped' });
    const row = await t.server.db('ai_chat_messages').where({ id: stream.messageId }).first();
    expect(row).toMatchObject({ status: 'stopped', content: 'Half a reply' });

    const again = await client.messages.stop(stream.messageId!);
    expect(again).toMatchObject({ status: 'stopped', content: 'Half a reply' });
    const done = await client.messages.send({ sessionId: session.id, content: 'then' });
    expect(await client.messages.stop(done.assistant_message.id)).toEqual(done.assistant_message);
  });

  it('resume re-attaches to a finished reply, from the start or from an event id', async () => {
    const client = clientFor(t, 'resumer');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'text', chunks: CHUNKS });
    const original = client.messages.stream({ sessionId: session.id, content: 'hi' });
    expect(deltaText(await collect(original))).toBe(REPLY);
    const id = original.messageId!;

    const full = client.messages.resume(id);
    const events = await collect(full);
    expect(events[0]).toMatchObject({ type: 'created' });
    expect(deltaText(events)).toBe(REPLY);
    await expect(full.text()).resolves.toBe(REPLY);

    const afterHello = String('Hello '.length);
    const tail = client.messages.resume(id, { lastEventId: afterHello });
    const tailEvents = await collect(tail);
    expect(tailEvents[0]!.type).toBe('delta');
    expect(tailEvents.at(-1)!.type).toBe('completed');
    expect(deltaText(tailEvents)).toBe(REPLY.slice('Hello '.length));
    await expect(tail.finalMessage()).resolves.toMatchObject({ content: REPLY });
  });

  it('resume follows a reply that is still being written', async () => {
    const client = clientFor(t, 'follower');
    const session = await client.sessions.create();
    t.claude.enqueue({ kind: 'text', chunks: ['a', 'b', 'c', 'd', 'e'], chunkDelayMs: 60 });
    const original = client.messages.stream({ sessionId: session.id, content: 'x' });
    const id = await new Promise<string>((resolve) =>
      original.on('created', (e) => resolve(e.assistant_message.id)),
    );
    const follower = client.messages.resume(id);
    const [followed, written] = await Promise.all([collect(follower), collect(original)]);
    expect(deltaText(followed)).toBe('abcde');
    expect(deltaText(written)).toBe('abcde');
    await eventually(async () => (await follower.finalMessage()).status === 'complete');
  });
});
