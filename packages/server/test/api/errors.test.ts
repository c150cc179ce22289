import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  messageRows,
  sendMessage,
} from '../support/contract.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let session: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pair: any;

beforeAll(async () => {
  t = await startTestServer();
  session = await createSession(t);
  pair = await sendMessage(t, session.id, 'hello');
});
afterAll(async () => {
  await t?.close();
});

function raw(method: string, path: string, body: string, contentType = 'application/json') {
  return t.request(path, { method, body, headers: { 'Content-Type': contentType } });
}

describe('400 invalid_request', () => {
  test.each([
    ['POST', '/chat/sessions'],
    ['PATCH', `/chat/sessions/{session}`],
    ['POST', '/chat/messages'],
    ['POST', '/auth/guest'],
  ])('malformed JSON on %s %s', async (method, template) => {
    const path = template.replace('{session}', session.id);
    for (const body of ['{', '{"title": }', "{'title': 'x'}", 'not json', '{"a":1}}']) {
      await expectError(await raw(method, path, body), 400, 'invalid_request');
    }
  });

  test('a body that is not JSON by its Content-Type', async () => {
    await expectError(
      await raw('POST', '/chat/sessions', 'title=x', 'application/x-www-form-urlencoded'),
      400,
      'invalid_request',
    );
  });

  const sendBodies: Array<[string, () => unknown]> = [
    ['no session_id', () => ({ content: 'hi' })],
    ['no content', () => ({ session_id: session.id })],
    ['a numeric content', () => ({ session_id: session.id, content: 42 })],
    ['a null content', () => ({ session_id: session.id, content: null })],
    ['an array content', () => ({ session_id: session.id, content: ['hi'] })],
    ['empty content', () => ({ session_id: session.id, content: '' })],
    ['whitespace-only content', () => ({ session_id: session.id, content: ' \n\t\u00a0 ' })],
    ['a session_id that is not a UUID', () => ({ session_id: 'not-a-uuid', content: 'hi' })],
    ['a numeric session_id', () => ({ session_id: 7, content: 'hi' })],
    [
      'a numeric client_message_id',
      () => ({ session_id: session.id, content: 'hi', client_message_id: 5 }),
    ],
    [
      'an empty client_message_id',
      () => ({ session_id: session.id, content: 'hi', client_message_id: '' }),
    ],
    ['an unknown field', () => ({ session_id: session.id, content: 'hi', role: 'assistant' })],
    ['an array body', () => [{ session_id: session.id, content: 'hi' }]],
    ['a null body', () => null],
    ['a string body', () => 'hi'],
  ];
  test.each(sendBodies)('POST /chat/messages with %s', async (_name, body) => {
    const before = (await messageRows(t, session.id)).length;
    const requests = t.claude.requests.length;
    const response = await t.request('/chat/messages', { method: 'POST', json: body() });
    const error = await expectError(response, 400, 'invalid_request');
    expect(error.error.details).toBeDefined();
    expect((await messageRows(t, session.id)).length).toBe(before);
    expect(t.claude.requests.length).toBe(requests);
  });

  test('the streaming form validates before any SSE header is sent', async () => {
    const response = await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: session.id, content: '   ' },
    });
    await expectError(response, 400, 'invalid_request');
  });

  test.each([
    ['a numeric title', { title: 5 }],
    ['an empty title', { title: '   ' }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
    ['a numeric mode', { mode: 7 }],
    ['a mode that is not a word', { mode: 'Robert"); DROP TABLE' }],
    ['an unknown field', { owner: 'bob' }],
  ])('POST /chat/sessions with %s', async (_name, body) => {
    await expectError(
      await t.request('/chat/sessions', { method: 'POST', json: body }),
      400,
      'invalid_request',
    );
  });

  test.each([
    ['an unknown status', { status: 'deleted' }],
    ['a numeric title', { title: 1 }],
    ['a null title', { title: null }],
    ['an unknown field', { mode: 'ideas' }],
  ])('PATCH /chat/sessions/{id} with %s', async (_name, body) => {
    await expectError(
      await t.request(`/chat/sessions/${session.id}`, { method: 'PATCH', json: body }),
      400,
      'invalid_request',
    );
    expect((await readJson(await t.request(`/chat/sessions/${session.id}`))).status).toBe('active');
  });

  test.each([
    ['GET', '/chat/sessions/not-a-uuid'],
    ['PATCH', '/chat/sessions/not-a-uuid'],
    ['DELETE', '/chat/sessions/not-a-uuid'],
    ['GET', '/chat/sessions/00000000-0000-4000-8000-00000000000'],
    ['GET', '/chat/messages/not-a-uuid'],
    ['POST', '/chat/messages/not-a-uuid/stop'],
    ['GET', '/chat/messages/not-a-uuid/stream'],
    ['GET', "/chat/messages/1'%20OR%20'1'='1/stream"],
  ])('a bad UUID in the path: %s %s', async (method, path) => {
    await expectError(
      await t.request(path, { method, ...(method === 'PATCH' ? { json: { title: 'x' } } : {}) }),
      400,
      'invalid_request',
    );
  });

  test.each([
    ['garbage', '!!!'],
    ['base64 of something else', Buffer.from('hello').toString('base64url')],
    ['base64 of a non-numeric sequence', Buffer.from('s:abc').toString('base64url')],
    ['a negative sequence', Buffer.from('s:-1').toString('base64url')],
    ['an empty cursor', ''],
  ])('an undecodable cursor: %s', async (_name, cursor) => {
    await expectError(
      await t.request(`/chat/sessions?cursor=${encodeURIComponent(cursor)}`),
      400,
      'invalid_request',
    );
  });

  test('a cursor given twice', async () => {
    await expectError(await t.request('/chat/sessions?cursor=a&cursor=b'), 400, 'invalid_request');
  });

  test.each(['0', '101', 'abc', '-1', '1.5', '', '1e2', ' 5'])(
    'limit=%j on both lists',
    async (limit) => {
      const value = encodeURIComponent(limit);
      await expectError(await t.request(`/chat/sessions?limit=${value}`), 400, 'invalid_request');
      await expectError(
        await t.request(`/chat/messages/${session.id}?limit=${value}`),
        400,
        'invalid_request',
      );
    },
  );

  test('limit 1 and 100 are accepted', async () => {
    for (const limit of [1, 100]) {
      expect((await t.request(`/chat/sessions?limit=${limit}`)).status).toBe(200);
      expect((await t.request(`/chat/messages/${session.id}?limit=${limit}`)).status).toBe(200);
    }
  });

  test('`before` that is not a UUID', async () => {
    await expectError(
      await t.request(`/chat/messages/${session.id}?before=nope`),
      400,
      'invalid_request',
    );
  });

  test('`before` that is not a message of the session', async () => {
    await expectError(
      await t.request(`/chat/messages/${session.id}?before=${MISSING_ID}`),
      400,
      'invalid_request',
    );
  });

  test('an unknown value of `stream`', async () => {
    await expectError(
      await t.request('/chat/messages?stream=maybe', {
        method: 'POST',
        json: { session_id: session.id, content: 'x' },
      }),
      400,
      'invalid_request',
    );
  });

  test('a Last-Event-ID this server never sent', async () => {
    for (const id of ['abc', '-1', '1:start', '1.5']) {
      await expectError(
        await t.request(`/chat/messages/${pair.assistant_message.id}/stream`, {
          headers: { 'Last-Event-ID': id },
        }),
        400,
        'invalid_request',
      );
    }
  });
});

describe('404 not_found', () => {
  test.each([
    ['GET', `/chat/sessions/${MISSING_ID}`],
    ['PATCH', `/chat/sessions/${MISSING_ID}`],
    ['DELETE', `/chat/sessions/${MISSING_ID}`],
    ['GET', `/chat/messages/${MISSING_ID}`],
    ['POST', `/chat/messages/${MISSING_ID}/stop`],
    ['GET', `/chat/messages/${MISSING_ID}/stream`],
  ])('an unknown id: %s %s', async (method, path) => {
    await expectError(
      await t.request(path, { method, ...(method === 'PATCH' ? { json: { title: 'x' } } : {}) }),
      404,
      'not_found',
    );
  });

  test('sending to an unknown session', async () => {
    await expectError(
      await t.request('/chat/messages', {
        method: 'POST',
        json: { session_id: MISSING_ID, content: 'hi' },
      }),
      404,
      'not_found',
    );
  });

  test.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v1/chat'],
    ['POST', '/api/v1/chat/sessions/extra/segments'],
    ['GET', '/api/v2/chat/sessions'],
    ['GET', '/nope'],
  ])('an unknown route: %s %s', async (method, path) => {
    const response = await fetch(`${t.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await t.tokenFor('alice')}` },
    });
    await expectError(response, 404, 'not_found');
  });
});

describe('409 conflict', () => {
  test('a second send while the session’s reply is still streaming', async () => {
    const busy = await createSession(t);
    t.claude.enqueue({ kind: 'stall', chunks: ['partial'] });
    const controller = new AbortController();
    const first = await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: busy.id, content: 'first' },
      signal: controller.signal,
    });
    expect(first.status).toBe(200);
    const reader = first.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: message.delta')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const assistantId = /"assistant_message":\{"id":"([^"]+)"/.exec(text)![1]!;
    const requests = t.claude.requests.length;

    const second = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: busy.id, content: 'second' },
    });
    await expectError(second, 409, 'conflict');
    const streamed = await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: busy.id, content: 'third' },
    });
    await expectError(streamed, 409, 'conflict');
    expect(t.claude.requests.length).toBe(requests);
    expect(await messageRows(t, busy.id)).toHaveLength(2);
    expect((await readJson(await t.request(`/chat/sessions/${busy.id}`))).message_count).toBe(2);

    controller.abort();
    const stopped = await readJson(
      await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' }),
    );
    expect(stopped).toMatchObject({ status: 'stopped', content: 'partial' });

    // Once the reply is over, the session takes messages again.
    const after = await sendMessage(t, busy.id, 'now it works');
    expect(after.assistant_message.status).toBe('complete');
  });

  test('a client_message_id reused for different content', async () => {
    const s = await createSession(t);
    await sendMessage(t, s.id, 'original', { clientMessageId: 'dup-1' });
    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: s.id, content: 'something else', client_message_id: 'dup-1' },
    });
    await expectError(response, 409, 'conflict');
    expect(await messageRows(t, s.id)).toHaveLength(2);
  });
});

describe('405 method_not_allowed', () => {
  const allowOf = (response: Response) =>
    (response.headers.get('allow') ?? '').split(/,\s*/).filter(Boolean).sort();

  test.each([
    ['GET', '/api/v1/auth/guest', ['POST']],
    ['PUT', '/api/v1/chat/sessions', ['GET', 'HEAD', 'POST']],
    ['POST', '/api/v1/chat/sessions/{session}', ['DELETE', 'GET', 'HEAD', 'PATCH']],
    ['DELETE', '/healthz', ['GET', 'HEAD']],
    ['PROPFIND', '/api/v1/chat/sessions', ['GET', 'HEAD', 'POST']],
  ])('%s %s is the JSON error, with Allow', async (method, template, allowed) => {
    const path = template.replace('{session}', session.id);
    const response = await fetch(`${t.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await t.tokenFor('alice')}` },
    });
    expect(allowOf(response)).toEqual(allowed);
    await expectError(response, 405, 'method_not_allowed');
  });

  test('a path no route serves stays 404, whatever the method', async () => {
    await expectError(await t.request('/nowhere', { method: 'PROPFIND' }), 404, 'not_found');
    await expectError(await t.request('/nowhere', { method: 'PUT' }), 404, 'not_found');
  });
});

describe('413 payload_too_large', () => {
  const big = 'x'.repeat(64 * 1024);

  test.each([
    ['POST', '/chat/sessions'],
    ['PATCH', '/chat/sessions/{session}'],
    ['POST', '/chat/messages'],
    ['POST', '/chat/messages?stream=true'],
    ['POST', '/auth/guest'],
  ])('a body over 64 KiB on %s %s', async (method, template) => {
    const path = template.replace('{session}', session.id);
    const before = (await messageRows(t, session.id)).length;
    const response = await t.request(path, {
      method,
      json: { session_id: session.id, content: big, title: big, site_key: big },
    });
    await expectError(response, 413, 'payload_too_large');
    expect((await messageRows(t, session.id)).length).toBe(before);
  });

  test('413 wins over invalid JSON', async () => {
    await expectError(await raw('POST', '/chat/messages', `{${big}`), 413, 'payload_too_large');
    await expectError(
      await raw('POST', '/chat/sessions', `${big}x`, 'text/plain'),
      413,
      'payload_too_large',
    );
  });

  test('413 wins over a missing token and over a bad path', async () => {
    const response = await t.request('/chat/sessions/not-a-uuid', {
      method: 'PATCH',
      json: { title: big },
    });
    await expectError(response, 413, 'payload_too_large');
  });

  test('exactly 64 KiB is not too large; one byte more is', async () => {
    const envelope = JSON.stringify({ session_id: session.id, content: '' });
    const fill = 64 * 1024 - envelope.length;
    const exact = JSON.stringify({ session_id: session.id, content: 'y'.repeat(fill) });
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    // Within the byte limit, so the content check answers (32,000 characters by default).
    await expectError(await raw('POST', '/chat/messages', exact), 400, 'invalid_request');
    const over = JSON.stringify({ session_id: session.id, content: 'y'.repeat(fill + 1) });
    await expectError(await raw('POST', '/chat/messages', over), 413, 'payload_too_large');
  });

  test('a chunked body (no Content-Length) over 64 KiB', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await t.request('/chat/sessions', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    await expectError(response, 413, 'payload_too_large');
  });
});

describe('502 upstream_error', () => {
  test.each([
    [
      'a 400 invalid_request_error',
      { kind: 'http-error', status: 400, errorType: 'invalid_request_error' },
    ],
    ['a 500 api_error', { kind: 'http-error', status: 500, errorType: 'api_error' }],
  ] as const)(
    'Claude answers %s: 502, reply stored as error; the same client_message_id regenerates it',
    async (_name, failure) => {
      const s = await createSession(t);
      t.claude.enqueue(failure);
      const requests = t.claude.requests.length;
      const response = await t.request('/chat/messages', {
        method: 'POST',
        json: { session_id: s.id, content: 'please answer', client_message_id: 'retry-me' },
      });
      const error = await expectError(response, 502, 'upstream_error');
      const { user_message_id: userId, assistant_message_id: assistantId } = error.error.details;
      expect(userId).toMatch(/^[0-9a-f-]{36}$/);
      expect(assistantId).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.claude.requests.length).toBe(requests + 1);

      const history = await readJson(await t.request(`/chat/messages/${s.id}`));
      expect(history.data.map((m: { id: string }) => m.id)).toEqual([userId, assistantId]);
      expect(history.data[0]).toMatchObject({
        role: 'user',
        status: 'complete',
        content: 'please answer',
      });
      expect(history.data[1]).toMatchObject({ role: 'assistant', status: 'error' });
      for (const message of history.data) expectMessage(message);
      const usage = await t.server.db('api_usage_log').where({ message_id: assistantId });
      expect(usage.map((row: { outcome: string }) => row.outcome)).toEqual(['error']);

      // Retrying with the same client_message_id regenerates the same assistant message.
      const retried = await sendMessage(t, s.id, 'please answer', { clientMessageId: 'retry-me' });
      expect(retried.user_message.id).toBe(userId);
      expect(retried.assistant_message.id).toBe(assistantId);
      expect(retried.assistant_message).toMatchObject({
        status: 'complete',
        content: 'You said: please answer',
      });
      expect(t.claude.requests.length).toBe(requests + 2);
      const rows = await messageRows(t, s.id);
      expect(rows.map((row: { id: string }) => row.id)).toEqual([userId, assistantId]);
      expect((await readJson(await t.request(`/chat/sessions/${s.id}`))).message_count).toBe(2);
    },
  );
});
