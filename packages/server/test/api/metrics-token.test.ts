import { expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import { useTestServer } from '../support/test-server.js';

// Without METRICS_TOKEN, /metrics answers anyone: health.test.ts.
const METRICS_TOKEN = 'metrics-token-for-the-scraper-only';
const t = useTestServer({ METRICS_TOKEN });

const metrics = (authorization?: string) =>
  fetch(`${t.url}/metrics`, authorization ? { headers: { Authorization: authorization } } : {});

test('with METRICS_TOKEN set, /metrics answers its bearer only', async () => {
  const response = await metrics(`Bearer ${METRICS_TOKEN}`);
  expect(response.status).toBe(200);
  expect(await response.text()).toMatch(/^# TYPE repruv_live_streams gauge$/m);
});

test.each([
  ['no Authorization', undefined],
  ['a wrong token', 'Bearer not-the-metrics-token'],
  ['the token with one character more', `Bearer ${METRICS_TOKEN}x`],
  ['a prefix of the token', `Bearer ${METRICS_TOKEN.slice(0, 10)}`],
  ['the token under another scheme', `Basic ${METRICS_TOKEN}`],
  ['an empty bearer', 'Bearer '],
])('with METRICS_TOKEN set, %s answers 401 in JSON', async (_name, authorization) => {
  const response = await metrics(authorization);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  const body = await expectError(response, 401, 'unauthorized');
  expect(body.error.message).toContain('METRICS_TOKEN');
});

test('a chat token does not open /metrics, and the metrics token does not open the chat API', async () => {
  await expectError(await metrics(`Bearer ${await t.tokenFor('alice')}`), 401, 'unauthorized');
  const chat = await t.request('/chat/sessions', {
    as: null,
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  await expectError(chat, 401, 'unauthorized');
});

test('the other operational endpoints stay open', async () => {
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
});
