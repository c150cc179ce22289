/**
 * The conversation-tree and feedback methods against the fake API: what goes on the wire, and
 * which calls are retried (SPEC "Conversation tree", "Feedback on replies").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  RepruvClient,
  UpstreamUnavailableError,
  type ChatStream,
  type ChatStreamEvent,
  type SendResult,
  type Session,
} from '../src/index.js';
import { startFakeApi, type FakeApi } from './support/fake-api.js';

const REPLY = 'Hello wörld 😀!';
const UNAVAILABLE = {
  status: 503,
  code: 'upstream_unavailable',
  headers: { 'Retry-After': '0' },
} as const;
const CUT = { status: 0, code: '', cut: true } as const;

let server: FakeApi;
let client: RepruvClient;
let session: Session;
/** A finished exchange of `session`: the prompt and its reply. */
let pair: SendResult;
beforeEach(async () => {
  server = startFakeApi();
  client = new RepruvClient({ baseUrl: server.url, token: 'good' });
  session = server.addSession();
  pair = await client.messages.send({ sessionId: session.id, content: 'Hi' });
  server.requests.length = 0;
});
afterEach(() => server.close());

async function collect(stream: ChatStream): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const deltaText = (events: ChatStreamEvent[]) =>
  events.map((e) => (e.type === 'delta' ? e.text : '')).join('');

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('parentId on send and stream', () => {
  it('absent sends no parent_id, null sends null, an id sends that id', async () => {
    const base = { sessionId: session.id, content: 'Next' };
    await client.messages.send({ ...base, clientMessageId: 'k-1' });
    await client.messages.send({ ...base, clientMessageId: 'k-2', parentId: null });
    await client.messages.send({
      ...base,
      clientMessageId: 'k-3',
      parentId: pair.assistant_message.id,
    });
    const bodies = server.calls('POST', /\/chat\/messages$/).map((r) => r.body);
    expect(bodies).toEqual([
      { session_id: session.id, content: 'Next', client_message_id: 'k-1' },
      { session_id: session.id, content: 'Next', client_message_id: 'k-2', parent_id: null },
      {
        session_id: session.id,
        content: 'Next',
        client_message_id: 'k-3',
        parent_id: pair.assistant_message.id,
      },
    ]);
  });

  it('an edit (parentId of the edited message) makes a sibling of it', async () => {
    const edit = await client.messages.send({
      sessionId: session.id,
      content: 'Hello',
      parentId: pair.user_message.parent_id,
    });
    expect(edit.user_message.parent_id).toBeNull();
    expect(edit.user_message.sibling_ids).toEqual([pair.user_message.id, edit.user_message.id]);
  });

  it('a stream re-sent after a cut repeats the same parent_id and key', async () => {
    server.cutAfterDeltas.push(-1);
    const stream = client.messages.stream({
      sessionId: session.id,
      content: 'Again',
      parentId: null,
    });
    await expect(stream.text()).resolves.toBe(REPLY);
    const posts = server.calls('POST', /\/chat\/messages$/);
    expect(posts).toHaveLength(2);
    expect(posts[0]?.body).toMatchObject({ parent_id: null });
    expect(posts[1]?.body).toEqual(posts[0]?.body);
  });
});

describe('messages.regenerate', () => {
  const regeneratePath = () => `/api/v1/chat/messages/${pair.assistant_message.id}/regenerate`;

  it('awaited: POSTs a generated key as JSON and resolves with the prompt and the new reply', async () => {
    const result = await client.messages.regenerate(pair.assistant_message.id);
    const [post] = server.requests;
    expect(post).toMatchObject({ method: 'POST', path: regeneratePath() });
    expect(post?.query.get('stream')).toBeNull();
    expect(post?.headers.accept).toBe('application/json');
    expect(post?.body).toEqual({ client_message_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(result.user_message).toEqual(pair.user_message);
    expect(result.assistant_message).toMatchObject({
      content: REPLY,
      status: 'complete',
      parent_id: pair.user_message.id,
      sibling_ids: [pair.assistant_message.id, result.assistant_message.id],
    });
  });

  it('sends the clientMessageId it is given', async () => {
    await client.messages.regenerate(pair.assistant_message.id, { clientMessageId: 'regen-1' });
    expect(server.requests[0]?.body).toEqual({ client_message_id: 'regen-1' });
  });

  it('streamed: yields created (the prompt as user_message), deltas, completed', async () => {
    const stream = client.messages.regenerate(pair.assistant_message.id, { stream: true });
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
    expect(deltaText(events)).toBe(REPLY);
    expect(stream.userMessage?.id).toBe(pair.user_message.id);
    expect(stream.messageId).not.toBe(pair.assistant_message.id);
    expect(stream.messageId).toBe(server.messages.at(-1)?.id);
    const [post] = server.requests;
    expect(post).toMatchObject({ method: 'POST', path: regeneratePath() });
    expect(post?.query.get('stream')).toBe('true');
    expect(post?.headers.accept).toBe('text/event-stream');
  });

  it('awaited: retried after a 503 and after a cut with the same key, one new reply', async () => {
    server.failNext({ ...UNAVAILABLE, match: /regenerate$/ });
    server.failNext({ ...CUT, match: /regenerate$/ });
    await client.messages.regenerate(pair.assistant_message.id);
    const keys = server.calls('POST', /regenerate$/).map((r) => r.body?.client_message_id);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(server.messages.filter((m) => m.role === 'assistant')).toHaveLength(2);
  });

  it('streamed: re-sent with the same key when it broke before any event', async () => {
    server.cutAfterDeltas.push(-1);
    const stream = client.messages.regenerate(pair.assistant_message.id, {
      stream: true,
      clientMessageId: 'regen-2',
    });
    await expect(stream.text()).resolves.toBe(REPLY);
    expect(server.calls('POST', /regenerate$/).map((r) => r.body)).toEqual([
      { client_message_id: 'regen-2' },
      { client_message_id: 'regen-2' },
    ]);
    expect(server.messages.filter((m) => m.role === 'assistant')).toHaveLength(2);
  });

  it('streamed: re-attaches to the new reply with Last-Event-ID after a cut mid-reply', async () => {
    server.cutAfterDeltas.push(2);
    const stream = client.messages.regenerate(pair.assistant_message.id, { stream: true });
    expect(deltaText(await collect(stream))).toBe(REPLY);
    const [attach] = server.calls('GET', /\/stream$/);
    expect(attach?.path).toBe(`/api/v1/chat/messages/${stream.messageId}/stream`);
    expect(attach?.headers['last-event-id']).toBe('6');
  });

  it('streamed: abort() stops the new reply, not the old one', async () => {
    server.chunkDelayMs = 40;
    const stream = client.messages.regenerate(pair.assistant_message.id, { stream: true });
    stream.on('delta', () => stream.abort());
    await expect(collect(stream)).rejects.toBeInstanceOf(AbortError);
    await until(() => server.calls('POST', /\/stop$/).length === 1);
    expect(server.calls('POST', /\/stop$/)[0]?.path).toBe(
      `/api/v1/chat/messages/${stream.messageId}/stop`,
    );
    expect(server.replies.get(pair.assistant_message.id)?.message.status).toBe('complete');
  });

  it('a user message is InvalidRequestError, unknown ids NotFoundError, both not retried', async () => {
    await expect(client.messages.regenerate(pair.user_message.id)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    const stream = client.messages.regenerate('no/such', { stream: true });
    await expect(stream.text()).rejects.toBeInstanceOf(NotFoundError);
    expect(server.requests.map((r) => r.path)).toEqual([
      `/api/v1/chat/messages/${pair.user_message.id}/regenerate`,
      '/api/v1/chat/messages/no%2Fsuch/regenerate',
    ]);
  });

  it('while a reply of the session streams: ConflictError', async () => {
    server.chunkDelayMs = 200;
    const streaming = client.messages.stream({ sessionId: session.id, content: 'Long' });
    await until(() => server.messages.some((m) => m.status === 'streaming'));
    await expect(client.messages.regenerate(pair.assistant_message.id)).rejects.toBeInstanceOf(
      ConflictError,
    );
    streaming.abort();
  });
});

describe('feedback', () => {
  const feedbackPath = () => `/api/v1/chat/messages/${pair.assistant_message.id}/feedback`;

  it('setFeedback PUTs the params as the body and resolves with the rated reply', async () => {
    const rated = await client.messages.setFeedback(pair.assistant_message.id, {
      rating: 'down',
      comment: 'Too long',
      tags: ['too long'],
    });
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      path: feedbackPath(),
      body: { rating: 'down', comment: 'Too long', tags: ['too long'] },
    });
    expect(rated).toMatchObject({
      id: pair.assistant_message.id,
      feedback: { rating: 'down', comment: 'Too long', tags: ['too long'] },
    });
    const up = await client.messages.setFeedback(pair.assistant_message.id, { rating: 'up' });
    expect(server.requests[1]?.body).toEqual({ rating: 'up' });
    expect(up.feedback).toMatchObject({ rating: 'up', comment: null, tags: [] });
  });

  it('clearFeedback DELETEs it and resolves with nothing', async () => {
    await client.messages.setFeedback(pair.assistant_message.id, { rating: 'up' });
    await expect(client.messages.clearFeedback(pair.assistant_message.id)).resolves.toBeUndefined();
    expect(server.requests[1]).toMatchObject({
      method: 'DELETE',
      path: feedbackPath(),
      body: undefined,
    });
    expect(server.messages.find((m) => m.id === pair.assistant_message.id)?.feedback).toBeNull();
  });

  it('both are retried (repeating them changes nothing)', async () => {
    server.failNext({ ...UNAVAILABLE, match: /PUT/ });
    server.failNext({ ...CUT, match: /DELETE/ });
    await client.messages.setFeedback(pair.assistant_message.id, { rating: 'up' });
    await client.messages.clearFeedback(pair.assistant_message.id);
    expect(server.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE', 'DELETE']);
  });

  it('a user message is InvalidRequestError, a streaming reply ConflictError', async () => {
    await expect(
      client.messages.setFeedback(pair.user_message.id, { rating: 'up' }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client.messages.clearFeedback(pair.user_message.id)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    server.chunkDelayMs = 200;
    const streaming = client.messages.stream({ sessionId: session.id, content: 'Long' });
    await until(() => !!streaming.messageId);
    await expect(
      client.messages.setFeedback(streaming.messageId!, { rating: 'up' }),
    ).rejects.toBeInstanceOf(ConflictError);
    streaming.abort();
  });
});

describe('sessions.switchBranch', () => {
  it('PATCHes current_message_id and resolves with the session', async () => {
    const switched = await client.sessions.switchBranch(session.id, pair.user_message.id);
    expect(server.requests[0]).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/chat/sessions/${session.id}`,
      body: { current_message_id: pair.user_message.id },
    });
    expect(switched).toMatchObject({ id: session.id, current_message_id: pair.user_message.id });
  });

  it('is retried', async () => {
    server.failNext({ ...CUT, match: /PATCH/ });
    await client.sessions.switchBranch(session.id, pair.user_message.id);
    expect(server.calls('PATCH', /.*/)).toHaveLength(2);
  });
});

describe('sessions.fork', () => {
  it('POSTs message_id (and title when given) and resolves with the new session', async () => {
    const fork = await client.sessions.fork(session.id, { messageId: pair.assistant_message.id });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: `/api/v1/chat/sessions/${session.id}/fork`,
    });
    expect(server.requests[0]?.body).toEqual({ message_id: pair.assistant_message.id });
    expect(fork).toMatchObject({ title: session.title, message_count: 2 });
    expect(fork.id).not.toBe(session.id);

    const named = await client.sessions.fork(session.id, {
      messageId: pair.assistant_message.id,
      title: 'Take two',
    });
    expect(server.requests[1]?.body).toEqual({
      message_id: pair.assistant_message.id,
      title: 'Take two',
    });
    expect(named.title).toBe('Take two');
  });

  it('is not repeated after a cut connection (a repeat would make a second session), but waits out a refusal', async () => {
    server.failNext({ ...CUT, match: /fork$/ });
    await expect(
      client.sessions.fork(session.id, { messageId: pair.assistant_message.id }),
    ).rejects.toThrow();
    expect(server.calls('POST', /fork$/)).toHaveLength(1);
    expect(server.sessions).toHaveLength(1);
    // A 503 made nothing: waited out (Retry-After 0) and asked again, one fork made.
    server.failNext({ ...UNAVAILABLE, match: /fork$/ });
    await client.sessions.fork(session.id, { messageId: pair.assistant_message.id });
    expect(server.calls('POST', /fork$/)).toHaveLength(3);
    expect(server.sessions).toHaveLength(2);
    server.failNext({ ...UNAVAILABLE, headers: { 'Retry-After': '30' }, match: /fork$/ });
    await expect(
      client.sessions.fork(session.id, { messageId: pair.assistant_message.id }),
    ).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(server.sessions).toHaveLength(2);
  });

  it('a user message is InvalidRequestError, another session NotFoundError', async () => {
    await expect(
      client.sessions.fork(session.id, { messageId: pair.user_message.id }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    const other = server.addSession();
    await expect(
      client.sessions.fork(other.id, { messageId: pair.assistant_message.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('messages.list with leaf', () => {
  it('sends leaf, and keeps it on the older pages it loads with before', async () => {
    for (let i = 0; i < 4; i++)
      server.addMessage(session.id, i % 2 ? 'assistant' : 'user', `m${i}`);
    const leaf = pair.assistant_message.id;
    const page = await client.messages.list(session.id, { leaf, limit: 2 });
    const older = await page.getNextPage();
    const [first, second] = server.requests;
    expect(first?.query.get('leaf')).toBe(leaf);
    expect(first?.query.get('before')).toBeNull();
    expect(second?.query.get('leaf')).toBe(leaf);
    expect(second?.query.get('before')).toBe(page.data[0]?.id);
    expect(older.data).toHaveLength(2);
  });
});
