/**
 * Bad input never gives a 5xx: every endpoint gets a list of hostile values in each of its
 * inputs (path, query, body fields, whole bodies, headers), and must answer below 500.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, expectError, sendMessage } from '../support/contract.js';
import { TEST_JWT_SECRET, startTestServer, type TestServer } from '../support/test-server.js';
import { SignJWT } from 'jose';

let t: TestServer;
let token: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let session: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pair: any;

beforeAll(async () => {
  // No rate limit in the way: this file is about validation.
  t = await startTestServer({ RATE_LIMIT_MESSAGES_PER_MINUTE: '100000' });
  token = await t.tokenFor('alice');
  session = await createSession(t);
  pair = await sendMessage(t, session.id, 'hello');
});
afterAll(async () => {
  await t?.close();
});

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  '\uffff',
  '😀'.repeat(50),
  "' OR '1'='1",
  "'; DROP TABLE ai_chat_messages; --",
  '"><script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '\\',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-000000000000\u0000',
  'x'.repeat(10_000),
  '\r\n\r\nGET / HTTP/1.1',
];

const hostileValues: unknown[] = [
  ...hostileStrings,
  null,
  true,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  1e308,
  [],
  ['a'],
  {},
  { $ne: null },
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

const cursors = [
  ...hostileStrings,
  Buffer.from('s:9999999999999999999').toString('base64url'),
  Buffer.from('s:9223372036854775808').toString('base64url'),
  Buffer.from('s:0').toString('base64url'),
  Buffer.from('s:\u0000').toString('base64url'),
];

/** encodeURIComponent, but a lone surrogate becomes its (invalid) UTF-8 bytes instead of throwing. */
function encode(raw: string): string {
  try {
    return encodeURIComponent(raw);
  } catch {
    return raw.replace(/[\ud800-\udfff]/g, '%ED%A0%80');
  }
}

/** Whether fetch can send the value as a header (no control characters, nothing beyond Latin-1). */
function headerSafe(raw: string): boolean {
  return [...raw].every((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) <= 0xff);
}

interface Probe {
  name: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

function probes(): Probe[] {
  const list: Probe[] = [];
  const id = session.id as string;
  const messageId = pair.assistant_message.id as string;
  const json = (value: unknown) => JSON.stringify(value);

  for (const raw of hostileStrings) {
    const segment = encode(raw);
    list.push(
      { name: 'session path', method: 'GET', path: `/chat/sessions/${segment}` },
      {
        name: 'session path',
        method: 'PATCH',
        path: `/chat/sessions/${segment}`,
        body: json({ title: 'x' }),
      },
      { name: 'session path', method: 'DELETE', path: `/chat/sessions/${segment}` },
      { name: 'history path', method: 'GET', path: `/chat/messages/${segment}` },
      { name: 'stop path', method: 'POST', path: `/chat/messages/${segment}/stop` },
      { name: 'stream path', method: 'GET', path: `/chat/messages/${segment}/stream` },
      { name: 'limit', method: 'GET', path: `/chat/sessions?limit=${segment}` },
      { name: 'limit', method: 'GET', path: `/chat/messages/${id}?limit=${segment}` },
      { name: 'before', method: 'GET', path: `/chat/messages/${id}?before=${segment}` },
      { name: 'leaf', method: 'GET', path: `/chat/messages/${id}?leaf=${segment}` },
      { name: 'regenerate path', method: 'POST', path: `/chat/messages/${segment}/regenerate` },
      {
        name: 'feedback path',
        method: 'PUT',
        path: `/chat/messages/${segment}/feedback`,
        body: json({ rating: 'up' }),
      },
      { name: 'feedback path', method: 'DELETE', path: `/chat/messages/${segment}/feedback` },
      {
        name: 'fork path',
        method: 'POST',
        path: `/chat/sessions/${segment}/fork`,
        body: json({ message_id: messageId }),
      },
      {
        name: 'stream query',
        method: 'POST',
        path: `/chat/messages?stream=${segment}`,
        body: json({ session_id: id, content: 'q' }),
      },
    );
    if (headerSafe(raw)) {
      list.push(
        {
          name: 'Last-Event-ID',
          method: 'GET',
          path: `/chat/messages/${messageId}/stream`,
          headers: { 'Last-Event-ID': raw },
        },
        {
          name: 'Authorization',
          method: 'GET',
          path: '/chat/sessions',
          headers: { Authorization: `Bearer ${raw}` },
        },
        {
          name: 'Origin',
          method: 'POST',
          path: '/auth/guest',
          body: json({ site_key: 'pk_dev' }),
          headers: { Origin: raw },
        },
        {
          name: 'X-Request-Id',
          method: 'GET',
          path: '/chat/sessions',
          headers: { 'X-Request-Id': raw },
        },
      );
    }
  }
  for (const cursor of cursors) {
    list.push({ name: 'cursor', method: 'GET', path: `/chat/sessions?cursor=${encode(cursor)}` });
  }
  for (const value of hostileValues) {
    list.push(
      {
        name: 'send content',
        method: 'POST',
        path: '/chat/messages',
        body: json({ session_id: id, content: value }),
      },
      {
        name: 'send session_id',
        method: 'POST',
        path: '/chat/messages',
        body: json({ session_id: value, content: 'x' }),
      },
      {
        name: 'send client_message_id',
        method: 'POST',
        path: '/chat/messages',
        body: json({ session_id: id, content: 'x', client_message_id: value }),
      },
      {
        name: 'send parent_id',
        method: 'POST',
        path: '/chat/messages',
        body: json({ session_id: id, content: 'x', parent_id: value }),
      },
      {
        name: 'regenerate client_message_id',
        method: 'POST',
        path: `/chat/messages/${messageId}/regenerate`,
        body: json({ client_message_id: value }),
      },
      {
        name: 'feedback rating',
        method: 'PUT',
        path: `/chat/messages/${messageId}/feedback`,
        body: json({ rating: value }),
      },
      {
        name: 'feedback comment',
        method: 'PUT',
        path: `/chat/messages/${messageId}/feedback`,
        body: json({ rating: 'down', comment: value }),
      },
      {
        name: 'feedback tags',
        method: 'PUT',
        path: `/chat/messages/${messageId}/feedback`,
        body: json({ rating: 'down', tags: [value] }),
      },
      {
        name: 'fork message_id',
        method: 'POST',
        path: `/chat/sessions/${id}/fork`,
        body: json({ message_id: value }),
      },
      {
        name: 'fork title',
        method: 'POST',
        path: `/chat/sessions/${id}/fork`,
        body: json({ message_id: messageId, title: value }),
      },
      {
        name: 'patch current_message_id',
        method: 'PATCH',
        path: `/chat/sessions/${id}`,
        body: json({ current_message_id: value }),
      },
      {
        name: 'create title',
        method: 'POST',
        path: '/chat/sessions',
        body: json({ title: value }),
      },
      { name: 'create mode', method: 'POST', path: '/chat/sessions', body: json({ mode: value }) },
      {
        name: 'patch title',
        method: 'PATCH',
        path: `/chat/sessions/${id}`,
        body: json({ title: value }),
      },
      {
        name: 'patch status',
        method: 'PATCH',
        path: `/chat/sessions/${id}`,
        body: json({ status: value }),
      },
      {
        name: 'guest site_key',
        method: 'POST',
        path: '/auth/guest',
        body: json({ site_key: value }),
        headers: { Origin: 'http://localhost:5173' },
      },
    );
  }
  const wholeBodies = [
    'null',
    '[]',
    '"string"',
    '42',
    'true',
    '{"a":',
    '\u0000',
    '['.repeat(20_000) + ']'.repeat(20_000),
    '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
    '{"session_id":"x","session_id":"y"}',
    '\ufeff{}',
  ];
  for (const body of wholeBodies) {
    for (const [method, path] of [
      ['POST', '/chat/sessions'],
      ['PATCH', `/chat/sessions/${id}`],
      ['POST', '/chat/messages'],
      ['POST', `/chat/messages/${messageId}/regenerate`],
      ['PUT', `/chat/messages/${messageId}/feedback`],
      ['POST', `/chat/sessions/${id}/fork`],
      ['POST', '/auth/guest'],
    ] as const) {
      list.push({ name: 'whole body', method, path, body });
    }
  }
  for (const contentType of [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
  ]) {
    list.push({
      name: 'content type',
      method: 'POST',
      path: '/chat/sessions',
      body: '{"title":"x"}',
      headers: { 'Content-Type': contentType },
    });
  }
  return list;
}

test('hostile input on every endpoint never answers 5xx', async () => {
  const failures: string[] = [];
  for (const probe of probes()) {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      ...(probe.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...probe.headers,
    };
    const response = await fetch(`${t.api}${probe.path}`, {
      method: probe.method,
      headers,
      ...(probe.body !== undefined ? { body: probe.body } : {}),
    });
    const text = await response.text();
    if (response.status >= 500) {
      failures.push(
        `${probe.name}: ${probe.method} ${probe.path.slice(0, 120)} ${JSON.stringify(probe.body ?? '').slice(0, 80)} → ${response.status} ${text.slice(0, 200)}`,
      );
    }
  }
  expect(failures).toEqual([]);
  expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
});

test('hostile token subjects never answer 5xx', async () => {
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const failures: string[] = [];
  for (const sub of hostileStrings.filter((s) => s !== '')) {
    const hostileToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setExpirationTime('1h')
      .sign(secret);
    const response = await fetch(`${t.api}/chat/sessions`, {
      headers: { Authorization: `Bearer ${hostileToken}` },
    });
    if (response.status >= 500)
      failures.push(`${JSON.stringify(sub).slice(0, 40)} → ${response.status}`);
    await response.arrayBuffer();
  }
  expect(failures).toEqual([]);
});

/** The longest token `sub` accepted (docs/openapi.yaml, README). */
const MAX_SUBJECT_CHARS = 512;

const sessionsAs = async (sub: string) =>
  fetch(`${t.api}/chat/sessions`, {
    headers: { Authorization: `Bearer ${await t.tokenFor(sub)}` },
  });

test('a validly signed token whose sub is over 512 characters answers 401, never 500', async () => {
  // Random hex does not compress, so the index sees every byte of it.
  for (const sub of [randomBytes(1500).toString('hex'), 'x'.repeat(MAX_SUBJECT_CHARS + 1)]) {
    await expectError(await sessionsAs(sub), 401, 'unauthorized');
  }
});

test('a sub of 512 characters is a user, whatever its characters', async () => {
  for (const sub of [
    randomBytes(MAX_SUBJECT_CHARS / 2).toString('hex'),
    '€'.repeat(MAX_SUBJECT_CHARS),
    '😀'.repeat(MAX_SUBJECT_CHARS / 2), // 512 UTF-16 units, 1,024 bytes of UTF-8
  ]) {
    const response = await sessionsAs(sub);
    expect(response.status, sub.slice(0, 20)).toBe(200);
    await response.arrayBuffer();
  }
});

test('the users table itself refuses an external_id over 512 characters', async () => {
  const insert = (externalId: string) =>
    t.server.db('users').insert({ id: crypto.randomUUID(), external_id: externalId });
  await insert('y'.repeat(MAX_SUBJECT_CHARS));
  await expect(insert('y'.repeat(MAX_SUBJECT_CHARS + 1))).rejects.toMatchObject({
    code: '23514', // check_violation: a clear refusal, not the btree's row-size error
  });
});
