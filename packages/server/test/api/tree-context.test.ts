// What Claude receives is the path from the root to the new user message, never another branch.
import { expect, test } from 'vitest';
import { createSession, expectError, insertChain, sendMessage } from '../support/contract.js';
import { startTestServer, useTestServer } from '../support/test-server.js';
import { alternating } from '../support/tree-rows.js';
import { lastClaudeTurns, regenerate, sendAfter } from '../support/tree-api.js';

const t = useTestServer();

/** q1, q2, q3 sent one after the other; returns their pairs. */
async function threeExchanges() {
  const session = await createSession(t);
  const pairs = [];
  for (const content of ['q1', 'q2', 'q3']) pairs.push(await sendMessage(t, session.id, content));
  return { session, pairs };
}

test('an edit of the first message sends Claude that message alone', async () => {
  const { session } = await threeExchanges();
  await sendAfter(t, session.id, 'q1 edited', { parentId: null });
  expect(lastClaudeTurns(t)).toEqual(['user: q1 edited']);
  await sendAfter(t, session.id, 'then');
  expect(lastClaudeTurns(t)).toEqual([
    'user: q1 edited',
    'assistant: You said: q1 edited',
    'user: then',
  ]);
});

test('an edit at depth 3 sends the path before it, not the edited branch', async () => {
  const { session, pairs } = await threeExchanges();
  await sendAfter(t, session.id, 'q3 edited', { parentId: pairs[1].assistant_message.id });
  expect(lastClaudeTurns(t)).toEqual([
    'user: q1',
    'assistant: You said: q1',
    'user: q2',
    'assistant: You said: q2',
    'user: q3 edited',
  ]);
});

test('a regenerate sends the path to its prompt, without the reply it replaces', async () => {
  const { pairs } = await threeExchanges();
  t.claude.enqueue({ kind: 'text', chunks: ['second take'] });
  await regenerate(t, pairs[1].assistant_message.id);
  expect(lastClaudeTurns(t)).toEqual(['user: q1', 'assistant: You said: q1', 'user: q2']);
});

test('a send after an older reply continues from there', async () => {
  const { session, pairs } = await threeExchanges();
  await sendAfter(t, session.id, 'branching', { parentId: pairs[0].assistant_message.id });
  expect(lastClaudeTurns(t)).toEqual(['user: q1', 'assistant: You said: q1', 'user: branching']);
});

test('a failed reply on the path is left out', async () => {
  const session = await createSession(t);
  await sendMessage(t, session.id, 'q1');
  t.claude.enqueue({ kind: 'http-error', status: 529, errorType: 'overloaded_error' });
  await expectError(
    await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content: 'q2' },
    }),
    502,
    'upstream_error',
  );
  await sendMessage(t, session.id, 'q3');
  expect(lastClaudeTurns(t)).toEqual(['user: q1', 'assistant: You said: q1', 'user: q2\n\nq3']);
});

test('CHAT_CONTEXT_MESSAGES bounds the path: its last messages only', async () => {
  const small = await startTestServer({ CHAT_CONTEXT_MESSAGES: '4' });
  try {
    const session = await createSession(small);
    const main = await insertChain(small, session.id, alternating(30, 'deep'));
    await insertChain(small, session.id, alternating(6, 'side'), main[25]);
    const sent = await sendAfter(small, session.id, 'deep end', { parentId: main[29] });
    expect(sent.user_message.parent_id).toBe(main[29]);
    // The last 4 of the path; the assistant turn it starts with is dropped (Claude starts with a user).
    expect(lastClaudeTurns(small)).toEqual(['user: deep28', 'assistant: deep29', 'user: deep end']);
  } finally {
    await small.close();
  }
});

test('after a switch of branch, a send continues the branch shown', async () => {
  const { session, pairs } = await threeExchanges();
  await sendAfter(t, session.id, 'q2 again', { parentId: pairs[0].assistant_message.id });
  const switched = await t.request(`/chat/sessions/${session.id}`, {
    method: 'PATCH',
    json: { current_message_id: pairs[1].user_message.id },
  });
  expect(switched.status).toBe(200);
  await sendAfter(t, session.id, 'q4');
  expect(lastClaudeTurns(t)).toEqual([
    'user: q1',
    'assistant: You said: q1',
    'user: q2',
    'assistant: You said: q2',
    'user: q3',
    'assistant: You said: q3',
    'user: q4',
  ]);
});
