/**
 * The conversation tree and feedback through the SDK, against the real server (Claude faked at
 * its HTTP boundary, echoing "You said: …" unless a test queues a reply): edits, regenerates,
 * branch switches, `?leaf=`, forks, ratings, and the errors each maps to.
 */
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  type ChatStreamEvent,
  type Message,
  type RepruvClient,
  type Session,
} from '../../src/index.js';
import {
  clientFor,
  collect,
  deltaText,
  eventually,
  rejectionOf,
  SLOW_REPLY,
  useCuttableProxy,
  useTestServer,
} from './support.js';

const t = useTestServer();
const proxy = useCuttableProxy(t);

/** What Claude was sent by the latest call: role and text of each message. */
function lastContext(): Array<[string, string]> {
  const body = t.claude.requests.at(-1)!.body as {
    messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  };
  return body.messages.map(({ role, content }) => [
    role,
    typeof content === 'string' ? content : content.map((block) => block.text ?? '').join(''),
  ]);
}

const contents = (messages: Message[]) => messages.map((m) => m.content);

async function branchOf(client: RepruvClient, sessionId: string, leaf?: string) {
  const seen: Message[] = [];
  for await (const message of client.messages.list(sessionId, { limit: 2, ...(leaf && { leaf }) }))
    seen.unshift(message);
  return contents(seen);
}

/** A session with two exchanges, "one" and "two", each answered "You said: …". */
async function twoExchanges(client: RepruvClient) {
  const session = await client.sessions.create();
  const one = await client.messages.send({ sessionId: session.id, content: 'one' });
  const two = await client.messages.send({ sessionId: session.id, content: 'two' });
  return { session, one, two };
}

describe('where a message goes: parentId', () => {
  it('omitted continues, a reply id continues after it, null starts a new first message', async () => {
    const client = clientFor(t, 'tree-editor');
    const { session, one, two } = await twoExchanges(client);
    expect(two.user_message.parent_id).toBe(one.assistant_message.id);

    // Editing "two": its new text with its parent_id, a sibling with its own reply.
    const edit = client.messages.stream({
      sessionId: session.id,
      content: 'two, edited',
      parentId: two.user_message.parent_id,
    });
    const events = await collect(edit);
    expect(deltaText(events)).toBe('You said: two, edited');
    expect(edit.userMessage).toMatchObject({
      parent_id: one.assistant_message.id,
      sibling_ids: [two.user_message.id, edit.userMessage!.id],
    });
    expect(lastContext()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
      ['user', 'two, edited'],
    ]);

    // Editing the first message: parentId null, a second root.
    const root = await client.messages.send({
      sessionId: session.id,
      content: 'one, edited',
      parentId: null,
    });
    expect(root.user_message.parent_id).toBeNull();
    expect(root.user_message.sibling_ids).toEqual([one.user_message.id, root.user_message.id]);
    expect(lastContext()).toEqual([['user', 'one, edited']]);

    // The newest pair is the current branch; the originals stay, every branch counted.
    expect(await branchOf(client, session.id)).toEqual(['one, edited', 'You said: one, edited']);
    expect(await client.sessions.get(session.id)).toMatchObject({
      current_message_id: root.assistant_message.id,
      message_count: 8,
    });
  });

  it('a user message as parentId is InvalidRequestError; an unknown or foreign one NotFoundError', async () => {
    const client = clientFor(t, 'tree-hostile');
    const { session, one } = await twoExchanges(client);
    const refused = await rejectionOf(
      client.messages.send({ sessionId: session.id, content: 'x', parentId: one.user_message.id }),
    );
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect((refused as InvalidRequestError).details).toMatchObject({ field: 'parent_id' });

    const unknown = client.messages.stream({
      sessionId: session.id,
      content: 'x',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(await rejectionOf(unknown.text())).toBeInstanceOf(NotFoundError);

    const other = clientFor(t, 'tree-hostile-other');
    const theirs = await twoExchanges(other);
    expect(
      await rejectionOf(
        client.messages.send({
          sessionId: session.id,
          content: 'x',
          parentId: theirs.one.assistant_message.id,
        }),
      ),
    ).toBeInstanceOf(NotFoundError);
    expect((await client.sessions.get(session.id)).message_count).toBe(4);
  });

  it('omitted while a reply streams is ConflictError', async () => {
    const client = clientFor(t, 'tree-busy');
    const session = await client.sessions.create();
    t.claude.enqueue(SLOW_REPLY);
    const streaming = client.messages.stream({ sessionId: session.id, content: 'long' });
    await eventually(async () => streaming.messageId, 3000);
    expect(
      await rejectionOf(client.messages.send({ sessionId: session.id, content: 'next' })),
    ).toBeInstanceOf(ConflictError);
    streaming.abort();
  });
});

describe('messages.list with leaf', () => {
  it('reads another branch without switching, and its older pages stay on that branch', async () => {
    const client = clientFor(t, 'tree-reader');
    const { session, two } = await twoExchanges(client);
    const three = await client.messages.send({ sessionId: session.id, content: 'three' });
    await client.messages.send({ sessionId: session.id, content: 'new start', parentId: null });

    const old = await branchOf(client, session.id, two.user_message.id);
    expect(old).toEqual([
      'one',
      'You said: one',
      'two',
      'You said: two',
      'three',
      'You said: three',
    ]);
    const page = await client.messages.list(session.id, {
      leaf: three.assistant_message.id,
      limit: 4,
    });
    expect(contents(page.data)).toEqual(['two', 'You said: two', 'three', 'You said: three']);
    expect(page.has_more).toBe(true);
    expect(contents((await page.getNextPage()).data)).toEqual(['one', 'You said: one']);

    expect(await branchOf(client, session.id)).toEqual(['new start', 'You said: new start']);
    const elsewhere = await twoExchanges(client);
    expect(
      await rejectionOf(client.messages.list(session.id, { leaf: elsewhere.two.user_message.id })),
    ).toBeInstanceOf(NotFoundError);
  });
});

describe('messages.regenerate', () => {
  it('awaited and streamed: sibling replies to the same prompt, Claude never sent the old one', async () => {
    const client = clientFor(t, 'tree-regen');
    const { session, two } = await twoExchanges(client);
    const old = two.assistant_message;
    t.claude.enqueue({ kind: 'text', chunks: ['Second ', 'answer'] });
    const again = await client.messages.regenerate(old.id);
    expect(again.user_message).toMatchObject({ id: two.user_message.id, content: 'two' });
    expect(again.assistant_message).toMatchObject({
      content: 'Second answer',
      status: 'complete',
      parent_id: two.user_message.id,
      sibling_ids: [old.id, again.assistant_message.id],
    });
    expect(lastContext()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
      ['user', 'two'],
    ]);

    t.claude.enqueue({ kind: 'text', chunks: ['Third ', 'answer'], chunkDelayMs: 10 });
    const stream = client.messages.regenerate(old.id, { stream: true });
    const events = await collect(stream);
    expect(events[0]).toMatchObject({ type: 'created', user_message: { id: two.user_message.id } });
    expect(deltaText(events)).toBe('Third answer');
    const third = await stream.finalMessage();
    expect(third.sibling_ids).toEqual([old.id, again.assistant_message.id, third.id]);

    expect(await branchOf(client, session.id)).toEqual([
      'one',
      'You said: one',
      'two',
      'Third answer',
    ]);
    const older = await client.messages.list(session.id, { leaf: old.id });
    expect(contents(older.data).at(-1)).toBe('You said: two');
  });

  it('repeated with its clientMessageId: the same reply, Claude called once', async () => {
    const client = clientFor(t, 'tree-regen-repeat');
    const { two } = await twoExchanges(client);
    const calls = t.claude.requests.length;
    const first = await client.messages.regenerate(two.assistant_message.id, {
      clientMessageId: 'regen-once',
    });
    const repeat = await client.messages.regenerate(two.assistant_message.id, {
      clientMessageId: 'regen-once',
    });
    const streamed = client.messages.regenerate(two.assistant_message.id, {
      stream: true,
      clientMessageId: 'regen-once',
    });
    await expect(streamed.text()).resolves.toBe(first.assistant_message.content);
    expect(repeat.assistant_message.id).toBe(first.assistant_message.id);
    expect(streamed.messageId).toBe(first.assistant_message.id);
    expect(t.claude.requests.length).toBe(calls + 1);
  });

  it('survives a dropped connection: re-attached with Last-Event-ID, one new reply', async () => {
    const direct = clientFor(t, 'tree-regen-drop');
    const { session, two } = await twoExchanges(direct);
    const viaProxy = clientFor(t, 'tree-regen-drop', { baseUrl: proxy.url });
    const chunks = ['A ', 'regenerated ', 'reply ', 'survives ', 'a ', 'cut.'];
    t.claude.enqueue({ kind: 'text', chunks, chunkDelayMs: 40 });
    proxy.requests.length = 0;
    const cut = proxy.cutAt('event: message.delta', 2, 25);
    const stream = viaProxy.messages.regenerate(two.assistant_message.id, { stream: true });
    const events = await collect(stream);
    await cut;
    expect(deltaText(events)).toBe(chunks.join(''));
    expect(events.filter((e: ChatStreamEvent) => e.type === 'created')).toHaveLength(1);
    expect(proxy.requests.map(({ method, path }) => [method, path])).toEqual([
      ['POST', `/api/v1/chat/messages/${two.assistant_message.id}/regenerate?stream=true`],
      ['GET', `/api/v1/chat/messages/${stream.messageId}/stream`],
    ]);
    expect(proxy.requests[1]?.lastEventId).toMatch(/^\d+$/);
    const replies = await t.server
      .db('ai_chat_messages')
      .where({ session_id: session.id, parent_id: two.user_message.id });
    expect(replies).toHaveLength(2);
  });

  it('abort() stops the new reply and keeps its partial text', async () => {
    const client = clientFor(t, 'tree-regen-abort');
    const { two } = await twoExchanges(client);
    t.claude.enqueue(SLOW_REPLY);
    const stream = client.messages.regenerate(two.assistant_message.id, { stream: true });
    stream.on('delta', () => stream.abort());
    expect(await rejectionOf(collect(stream))).toBeInstanceOf(AbortError);
    const row = await eventually(async () => {
      const found = await t.server.db('ai_chat_messages').where({ id: stream.messageId }).first();
      return found?.status === 'stopped' ? found : undefined;
    }, 3000);
    expect(row.stop_reason).toBe('user');
    const old = await t.server
      .db('ai_chat_messages')
      .where({ id: two.assistant_message.id })
      .first();
    expect(old).toMatchObject({ status: 'complete', content: 'You said: two' });
  });

  it('a user message is InvalidRequestError, another user’s reply NotFoundError, a busy session ConflictError', async () => {
    const client = clientFor(t, 'tree-regen-errors');
    const { session, two } = await twoExchanges(client);
    expect(await rejectionOf(client.messages.regenerate(two.user_message.id))).toBeInstanceOf(
      InvalidRequestError,
    );
    const stranger = clientFor(t, 'tree-regen-stranger');
    expect(
      await rejectionOf(stranger.messages.regenerate(two.assistant_message.id)),
    ).toBeInstanceOf(NotFoundError);

    t.claude.enqueue(SLOW_REPLY);
    const streaming = client.messages.stream({ sessionId: session.id, content: 'long' });
    await eventually(async () => streaming.messageId, 3000);
    const busy = client.messages.regenerate(two.assistant_message.id, { stream: true });
    expect(await rejectionOf(busy.text())).toBeInstanceOf(ConflictError);
    streaming.abort();
  });
});

describe('sessions.switchBranch', () => {
  it('shows the newest descendant of the message given; the next send continues that branch', async () => {
    const client = clientFor(t, 'tree-switch');
    const { session, one, two } = await twoExchanges(client);
    const edit = await client.messages.send({
      sessionId: session.id,
      content: 'two, edited',
      parentId: one.assistant_message.id,
    });

    const back = await client.sessions.switchBranch(session.id, two.user_message.id);
    expect(back).toMatchObject({ id: session.id, current_message_id: two.assistant_message.id });
    expect(await branchOf(client, session.id)).toEqual([
      'one',
      'You said: one',
      'two',
      'You said: two',
    ]);
    await client.messages.send({ sessionId: session.id, content: 'three' });
    expect(lastContext()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
      ['user', 'two'],
      ['assistant', 'You said: two'],
      ['user', 'three'],
    ]);

    // From the root, the newest child at each step: the edit, written after "two".
    const fromRoot = await client.sessions.switchBranch(session.id, one.user_message.id);
    expect(fromRoot.current_message_id).toBe(edit.assistant_message.id);
    expect(
      await rejectionOf(
        client.sessions.switchBranch(session.id, '00000000-0000-4000-8000-000000000000'),
      ),
    ).toBeInstanceOf(NotFoundError);
  });
});

describe('sessions.fork', () => {
  it('copies the branch up to a reply into a new session; sending there sends Claude that path', async () => {
    const client = clientFor(t, 'tree-fork');
    const source = await client.sessions.create({ title: 'Launch', mode: 'ideas' });
    const one = await client.messages.send({ sessionId: source.id, content: 'one' });
    await client.messages.send({ sessionId: source.id, content: 'two' });

    const fork: Session = await client.sessions.fork(source.id, {
      messageId: one.assistant_message.id,
    });
    expect(fork).toMatchObject({ title: 'Launch', mode: 'ideas', message_count: 2 });
    expect(fork.id).not.toBe(source.id);
    const copied = (await client.messages.list(fork.id)).data;
    expect(contents(copied)).toEqual(['one', 'You said: one']);
    expect(copied.map((m) => m.id)).not.toContain(one.assistant_message.id);
    expect(fork.current_message_id).toBe(copied[1]!.id);

    await client.messages.send({ sessionId: fork.id, content: 'elsewhere' });
    expect(lastContext()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
      ['user', 'elsewhere'],
    ]);
    expect((await client.sessions.get(source.id)).message_count).toBe(4);

    const named = await client.sessions.fork(source.id, {
      messageId: one.assistant_message.id,
      title: 'Take two',
    });
    expect(named.title).toBe('Take two');
  });

  it('a user message is InvalidRequestError; another session’s message, or another user’s session, NotFoundError', async () => {
    const client = clientFor(t, 'tree-fork-errors');
    const { session, one } = await twoExchanges(client);
    expect(
      await rejectionOf(client.sessions.fork(session.id, { messageId: one.user_message.id })),
    ).toBeInstanceOf(InvalidRequestError);
    const elsewhere = await client.sessions.create();
    expect(
      await rejectionOf(
        client.sessions.fork(elsewhere.id, { messageId: one.assistant_message.id }),
      ),
    ).toBeInstanceOf(NotFoundError);
    const stranger = clientFor(t, 'tree-fork-stranger');
    expect(
      await rejectionOf(
        stranger.sessions.fork(session.id, { messageId: one.assistant_message.id }),
      ),
    ).toBeInstanceOf(NotFoundError);
    expect((await client.sessions.list()).data).toHaveLength(2);
  });
});

describe('feedback', () => {
  it('set, replaced, seen in the history, cleared (twice is fine)', async () => {
    const client = clientFor(t, 'tree-rater');
    const { session, two } = await twoExchanges(client);
    const reply = two.assistant_message.id;
    const rated = await client.messages.setFeedback(reply, {
      rating: 'down',
      comment: 'Too short',
      tags: ['too short', 'too short', 'vague'],
    });
    expect(rated).toMatchObject({
      id: reply,
      feedback: { rating: 'down', comment: 'Too short', tags: ['too short', 'vague'] },
    });
    const replaced = await client.messages.setFeedback(reply, { rating: 'up' });
    expect(replaced.feedback).toMatchObject({ rating: 'up', comment: null, tags: [] });
    const listed = (await client.messages.list(session.id)).data;
    expect(listed.find((m) => m.id === reply)?.feedback).toMatchObject({ rating: 'up' });
    expect(listed.find((m) => m.id === two.user_message.id)?.feedback).toBeNull();

    await expect(client.messages.clearFeedback(reply)).resolves.toBeUndefined();
    await expect(client.messages.clearFeedback(reply)).resolves.toBeUndefined();
    const after = (await client.messages.list(session.id)).data;
    expect(after.find((m) => m.id === reply)?.feedback).toBeNull();
  });

  it('a user message is InvalidRequestError, another user’s reply NotFoundError, a streaming one ConflictError', async () => {
    const client = clientFor(t, 'tree-rater-errors');
    const { session, two } = await twoExchanges(client);
    expect(
      await rejectionOf(client.messages.setFeedback(two.user_message.id, { rating: 'up' })),
    ).toBeInstanceOf(InvalidRequestError);
    expect(await rejectionOf(client.messages.clearFeedback(two.user_message.id))).toBeInstanceOf(
      InvalidRequestError,
    );
    const stranger = clientFor(t, 'tree-rater-stranger');
    expect(
      await rejectionOf(stranger.messages.setFeedback(two.assistant_message.id, { rating: 'up' })),
    ).toBeInstanceOf(NotFoundError);

    t.claude.enqueue(SLOW_REPLY);
    const streaming = client.messages.stream({ sessionId: session.id, content: 'long' });
    const id = (await eventually(async () => streaming.messageId, 3000))!;
    expect(await rejectionOf(client.messages.setFeedback(id, { rating: 'up' }))).toBeInstanceOf(
      ConflictError,
    );
    streaming.abort();
  });
});
