import { afterAll, beforeAll, expect, test } from 'vitest';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

test('create a session and get a reply', async () => {
  const created = await t.request('/chat/sessions', { method: 'POST', json: {} });
  expect(created.status).toBe(201);
  const session = await readJson(created);
  const sent = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: session.id, content: 'hello' },
  });
  const body = await readJson(sent);
  expect(sent.status, JSON.stringify(body)).toBe(201);
  expect(body.assistant_message.content).toBe('You said: hello');
});
