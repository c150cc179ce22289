import { expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const PER_HOUR = 5;
const t = useTestServer({ SESSIONS_PER_USER_PER_HOUR: String(PER_HOUR) });

const create = (as: string, body: unknown = {}) =>
  t.request('/chat/sessions', { method: 'POST', as, json: body });

test('a flood of new sessions by one user: 5 an hour are created, the rest answer 429 with Retry-After', async () => {
  // A malformed request does not use up the hour.
  for (const body of [{ mode: 42 }, { title: '' }, { unknown: true }]) {
    await expectError(await create('flooder', body), 400, 'invalid_request');
  }
  const responses = await Promise.all(Array.from({ length: 40 }, () => create('flooder')));
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(PER_HOUR);
  expect(statuses.filter((status) => status === 429)).toHaveLength(40 - PER_HOUR);

  const refused = responses.find((response) => response.status === 429)!;
  const retryAfter = Number(refused.headers.get('retry-after'));
  const body = await expectError(refused, 429, 'rate_limited');
  expect(body.error.message).toContain(`at most ${PER_HOUR} an hour`);
  expect(retryAfter).toBeGreaterThan(3_500);
  expect(retryAfter).toBeLessThanOrEqual(3_600);

  const list = await readJson(await t.request('/chat/sessions?limit=100', { as: 'flooder' }));
  expect(list.data).toHaveLength(PER_HOUR);
  // What the user has is untouched: listing, renaming and sending still work.
  const [session] = list.data;
  const renamed = await t.request(`/chat/sessions/${session.id}`, {
    method: 'PATCH',
    as: 'flooder',
    json: { title: 'still mine' },
  });
  expect(renamed.status).toBe(200);
  const sent = await t.request('/chat/messages', {
    method: 'POST',
    as: 'flooder',
    json: { session_id: session.id, content: 'hello' },
  });
  expect(sent.status).toBe(201);
});

test('another user is not affected by one user running out', async () => {
  for (let i = 0; i < PER_HOUR + 2; i++) await create('greedy');
  await expectError(await create('greedy'), 429, 'rate_limited');
  for (let i = 0; i < PER_HOUR; i++) expect((await create('neighbour')).status).toBe(201);
});
