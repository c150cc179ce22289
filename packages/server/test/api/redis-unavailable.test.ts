/** With REDIS_URL set and Redis out of reach, what needs it answers 503 with Retry-After, never 500. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let deadRedis: Server;
beforeAll(async () => {
  // A port that accepts nothing: bound, then closed before anyone connects.
  deadRedis = createServer();
  await new Promise<void>((resolve) => deadRedis.listen(0, '127.0.0.1', resolve));
  const { port } = deadRedis.address() as { port: number };
  await new Promise<void>((resolve) => deadRedis.close(() => resolve()));
  t = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${port}` });
});
afterAll(async () => {
  await t?.close();
});

test('a send (which takes a stream slot in Redis) and a new session answer 503 upstream_unavailable', async () => {
  const send = await t.request('/chat/messages', {
    method: 'POST',
    json: { session_id: '00000000-0000-4000-8000-000000000000', content: 'hi' },
  });
  expect(send.headers.get('retry-after')).toBe('2');
  const body = await expectError(send, 503, 'upstream_unavailable');
  expect(body.error.message).toMatch(/Redis/);

  const created = await t.request('/chat/sessions', { method: 'POST', json: {} });
  await expectError(created, 503, 'upstream_unavailable');
  // Reading what is stored needs no Redis.
  const listed = await t.request('/chat/sessions');
  expect(listed.status).toBe(200);
  expect((await readJson(listed)).data).toEqual([]);
}, 30_000);
