// A regenerate is refused as a send is (rate limit, budget, breaker), before anything is stored.
import { expect, test } from 'vitest';
import { createSession, expectError, messageRows, sendMessage } from '../support/contract.js';
import { useTestServer } from '../support/test-server.js';
import { postRegenerate, regenerate, sessionNow } from '../support/tree-api.js';

const t = useTestServer({ RATE_LIMIT_MESSAGES_PER_MINUTE: '3', CLAUDE_CB_THRESHOLD: '1' });

async function exchange(as: string) {
  const session = await createSession(t, as);
  const sent = await sendMessage(t, session.id, 'q', { as });
  return { session, reply: sent.assistant_message };
}

test('regenerates count against the message rate limit', async () => {
  const { session, reply } = await exchange('limited');
  await regenerate(t, reply.id, { as: 'limited' });
  await regenerate(t, reply.id, { as: 'limited' });
  const refused = await postRegenerate(t, reply.id, { as: 'limited' });
  await expectError(refused, 429, 'rate_limited');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await messageRows(t, session.id)).toHaveLength(4);
});

test('a spent budget answers 429 budget_exceeded, nothing stored and Claude not asked', async () => {
  t.claude.enqueue({ kind: 'text', chunks: ['costly'], inputTokens: 250_000 });
  const { session, reply } = await exchange('spender');
  const before = await sessionNow(t, session.id, 'spender');
  const requests = t.claude.requests.length;
  for (const stream of [false, true]) {
    const body = await expectError(
      await postRegenerate(t, reply.id, { as: 'spender', stream }),
      429,
      'budget_exceeded',
    );
    expect(body.error.details.scope).toBe('user');
  }
  expect(t.claude.requests.length).toBe(requests);
  expect(await messageRows(t, session.id)).toHaveLength(2);
  expect(await sessionNow(t, session.id, 'spender')).toEqual(before);
});

// Last: the open breaker refuses every call of this server from here on.
test('an open breaker answers 503 before anything is stored', async () => {
  const { session, reply } = await exchange('breaker');
  const other = await createSession(t, 'breaker');
  t.claude.enqueue({ kind: 'http-error', status: 529, errorType: 'overloaded_error' });
  await expectError(
    await t.request('/chat/messages', {
      method: 'POST',
      as: 'breaker',
      json: { session_id: other.id, content: 'fails' },
    }),
    502,
    'upstream_error',
  );
  const requests = t.claude.requests.length;
  await expectError(
    await postRegenerate(t, reply.id, { as: 'breaker', stream: true }),
    503,
    'upstream_unavailable',
  );
  expect(t.claude.requests.length).toBe(requests);
  expect(await messageRows(t, session.id)).toHaveLength(2);
});
