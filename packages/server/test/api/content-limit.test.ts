import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, expectError, messageRows, sendMessage } from '../support/contract.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CHAT_MAX_CONTENT_CHARS: '10' });
});
afterAll(async () => {
  await t?.close();
});

test('content over CHAT_MAX_CONTENT_CHARS answers 400 invalid_request and stores nothing', async () => {
  const session = await createSession(t);
  for (const path of ['/chat/messages', '/chat/messages?stream=true']) {
    const response = await t.request(path, {
      method: 'POST',
      json: { session_id: session.id, content: 'x'.repeat(11) },
    });
    const error = await expectError(response, 400, 'invalid_request');
    expect(JSON.stringify(error.error)).toContain('content');
  }
  expect(await messageRows(t, session.id)).toHaveLength(0);
  expect(t.claude.requests).toHaveLength(0);
});

test('content of exactly CHAT_MAX_CONTENT_CHARS is accepted', async () => {
  const session = await createSession(t);
  const pair = await sendMessage(t, session.id, 'y'.repeat(10));
  expect(pair.user_message.content).toBe('y'.repeat(10));
});
