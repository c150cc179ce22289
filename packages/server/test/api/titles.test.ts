import { describe, expect, test } from 'vitest';
import { createSession, sendMessage } from '../support/contract.js';
import { eventually, readJson } from '../support/http.js';
import { freshUser } from '../support/search-api.js';
import { useTestServer, type TestServer } from '../support/test-server.js';

const titleOf = async (t: TestServer, id: string, as: string) =>
  (await readJson(await t.request(`/chat/sessions/${id}`, { as }))).title as string;

/** The session's title once it is no longer "New Chat" (or still that after the wait). */
async function settledTitle(t: TestServer, id: string, as: string): Promise<string> {
  const changed = await eventually(async () => {
    const title = await titleOf(t, id, as);
    return title !== 'New Chat' ? title : undefined;
  }).catch(() => undefined);
  return changed ?? titleOf(t, id, as);
}

describe('CHAT_AUTO_TITLE=claude', () => {
  const t = useTestServer({ CHAT_AUTO_TITLE: 'claude', CHAT_TITLE_MODEL: 'claude-title-test' });

  test('after the first exchange, a small call names the session and is logged as a title', async () => {
    const as = freshUser();
    const session = await createSession(t, as);
    t.claude.enqueue({ kind: 'text', chunks: ['Sure, here are some ideas.'], chunkDelayMs: 0 });
    t.claude.enqueue({
      kind: 'text',
      chunks: ['"Cooking ', 'vlog ideas."\nextra'],
      chunkDelayMs: 0,
    });
    await sendMessage(t, session.id, 'ideas for a cooking vlog?', { as });
    expect(await settledTitle(t, session.id, as)).toBe('Cooking vlog ideas');
    const call = t.claude.requests.at(-1)!.body as {
      model: string;
      messages: { content: unknown }[];
    };
    expect(call.model).toBe('claude-title-test');
    expect(JSON.stringify(call.messages)).toContain('ideas for a cooking vlog?');
    const ledger = await t.server
      .db('api_usage_log')
      .where({ session_id: session.id })
      .orderBy('created_at');
    expect(ledger.map((row: { purpose: string }) => row.purpose)).toEqual(['reply', 'title']);
    expect(ledger[1]).toMatchObject({ model: 'claude-title-test', message_id: null });
  });

  test('the second exchange asks for no title', async () => {
    const as = freshUser();
    const session = await createSession(t, as);
    await sendMessage(t, session.id, 'first question', { as });
    await settledTitle(t, session.id, as);
    const before = t.claude.requests.length;
    await sendMessage(t, session.id, 'second question', { as });
    expect(t.claude.requests.length).toBe(before + 1);
  });

  test('a title call that fails leaves the chat alone: the first words serve', async () => {
    const as = freshUser();
    const session = await createSession(t, as);
    t.claude.enqueue({ kind: 'text', chunks: ['An answer.'], chunkDelayMs: 0 });
    t.claude.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const pair = await sendMessage(t, session.id, 'Best time to post on weekends?', { as });
    expect(pair.assistant_message.status).toBe('complete');
    expect(await settledTitle(t, session.id, as)).toBe('Best time to post on weekends');
    const next = await sendMessage(t, session.id, 'and on weekdays?', { as });
    expect(next.assistant_message.status).toBe('complete');
  });

  test('a title the user gave is never replaced: at creation, or renamed before the reply ends', async () => {
    const as = freshUser();
    const named = await createSession(t, as, { title: 'My own title' });
    await sendMessage(t, named.id, 'hello there', { as });
    const renamed = await createSession(t, as);
    await t.request(`/chat/sessions/${renamed.id}`, {
      method: 'PATCH',
      as,
      json: { title: 'Renamed' },
    });
    await sendMessage(t, renamed.id, 'hello again', { as });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await titleOf(t, named.id, as)).toBe('My own title');
    expect(await titleOf(t, renamed.id, as)).toBe('Renamed');
  });

  test('an explicit "New Chat" at creation is the user\'s too', async () => {
    const as = freshUser();
    const session = await createSession(t, as, { title: 'New Chat' });
    await sendMessage(t, session.id, 'keep my title', { as });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await titleOf(t, session.id, as)).toBe('New Chat');
  });
});

describe('CHAT_AUTO_TITLE=words', () => {
  const t = useTestServer({ CHAT_AUTO_TITLE: 'words' });

  test('the first words of the first message, without a call to Claude', async () => {
    const as = freshUser();
    const session = await createSession(t, as);
    const before = t.claude.requests.length;
    await sendMessage(t, session.id, '**How** do I price a sponsored post for 10k followers?', {
      as,
    });
    expect(await settledTitle(t, session.id, as)).toBe('How do I price a sponsored');
    expect(t.claude.requests.length).toBe(before + 1);
    const ledger = await t.server.db('api_usage_log').where({ session_id: session.id });
    expect(ledger.map((row: { purpose: string }) => row.purpose)).toEqual(['reply']);
  });
});

describe('CHAT_AUTO_TITLE=off', () => {
  const t = useTestServer({ CHAT_AUTO_TITLE: 'off' });

  test('"New Chat" stays', async () => {
    const as = freshUser();
    const session = await createSession(t, as);
    await sendMessage(t, session.id, 'no title please', { as });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await titleOf(t, session.id, as)).toBe('New Chat');
  });
});
