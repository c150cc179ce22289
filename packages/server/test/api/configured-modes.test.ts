import { expect, test } from 'vitest';
import { createSession, expectError } from '../support/contract.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer({ CHAT_MODES: JSON.stringify({ podcast: 'Focus on podcast episodes.' }) });

test('a mode added with CHAT_MODES is accepted', async () => {
  const session = await createSession(t, 'alice', { mode: 'podcast' });
  expect(session.mode).toBe('podcast');
});

test('an unknown mode is refused with a message naming the configured modes too', async () => {
  const response = await t.request('/chat/sessions', { method: 'POST', json: { mode: 'bogus' } });
  const body = await expectError(response, 400, 'invalid_request');
  expect(JSON.stringify(body)).toContain('general, ideas, podcast, strategy, writing');
});
