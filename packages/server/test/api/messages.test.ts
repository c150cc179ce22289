import { describe, expect, test } from 'vitest';
import {
  MISSING_ID,
  createSession,
  expectError,
  expectMessage,
  expectSession,
  insertChain,
  messageRows,
  sendMessage,
} from '../support/contract.js';
import { collectSse, readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

describe('POST /chat/messages (JSON)', () => {
  test('answers 201 with the stored pair; the reply carries tokens and latency_ms', async () => {
    const session = await createSession(t, 'alice', { mode: 'ideas' });
    t.claude.enqueue({ kind: 'text', chunks: ['Three ', 'ideas', '.'], inputTokens: 42 });
    const requestsBefore = t.claude.requests.length;

    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content: 'Give me ideas', client_message_id: 'c-1' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = await readJson(response);
    expect(Object.keys(body).sort()).toEqual(['assistant_message', 'user_message']);
    const { user_message: user, assistant_message: assistant } = body;
    expectMessage(user);
    expectMessage(assistant);
    expect(user).toMatchObject({
      session_id: session.id,
      role: 'user',
      content: 'Give me ideas',
      status: 'complete',
      tokens: null,
      latency_ms: null,
      client_message_id: 'c-1',
    });
    expect(assistant).toMatchObject({
      session_id: session.id,
      role: 'assistant',
      content: 'Three ideas.',
      status: 'complete',
      tokens: 3,
      client_message_id: null,
    });
    expect(assistant.latency_ms).toEqual(expect.any(Number));
    expect(assistant.id).not.toBe(user.id);
    expect(new Date(assistant.created_at).getTime()).toBeGreaterThanOrEqual(
      new Date(user.created_at).getTime(),
    );

    // Claude was asked once, with the session's mode in the system prompt and the user's text.
    expect(t.claude.requests.length).toBe(requestsBefore + 1);
    const sent = t.claude.requests.at(-1)!.body;
    expect(sent).toMatchObject({
      model: 'claude-sonnet-5-5',
      max_tokens: 1024,
      temperature: 0.7,
      stream: true,
      messages: [{ role: 'user', content: 'Give me ideas' }],
    });
    expect(JSON.stringify(sent.system)).toContain('You are Repruv AI');

    // The session counts both messages.
    const updated = await readJson(await t.request(`/chat/sessions/${session.id}`));
    expectSession(updated);
    expect(updated.message_count).toBe(2);
    expect(updated.last_message_at).not.toBeNull();

    // One api_usage_log row, with the fake's usage.
    const usage = await t.server.db('api_usage_log').where({ message_id: assistant.id });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({
      session_id: session.id,
      model: 'claude-sonnet-5-5',
      input_tokens: 42,
      output_tokens: 3,
      outcome: 'complete',
    });
    expect(usage[0].user_id).toEqual(expect.any(String));
    expect(usage[0].latency_ms).toBe(assistant.latency_ms);
    expect(Number(usage[0].estimated_cost_usd)).toBeGreaterThan(0);
  });

  test('sends the conversation so far as context', async () => {
    const session = await createSession(t);
    await sendMessage(t, session.id, 'first');
    await sendMessage(t, session.id, 'second');
    expect(t.claude.requests.at(-1)!.body.messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'You said: first' },
      { role: 'user', content: 'second' },
    ]);
  });

  test('to an unknown session answers 404 and stores nothing', async () => {
    const requestsBefore = t.claude.requests.length;
    const response = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: MISSING_ID, content: 'hello' },
    });
    await expectError(response, 404, 'not_found');
    expect(t.claude.requests.length).toBe(requestsBefore);
    expect(await messageRows(t, MISSING_ID)).toHaveLength(0);
  });
});

describe('POST /chat/messages (stream)', () => {
  test('?stream=true streams message.created, the deltas in order, then message.completed', async () => {
    const session = await createSession(t);
    t.claude.enqueue({ kind: 'text', chunks: ['Hel', 'lo ', 'there'], inputTokens: 7 });
    const response = await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: session.id, content: 'Hi' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toBeTruthy();

    const events = await collectSse(response);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('message.created');
    expect(names.at(-1)).toBe('message.completed');
    expect(names.slice(1, -1).every((name) => name === 'message.delta')).toBe(true);
    for (const event of events) expect(event.id).toBeDefined();

    const created = events[0]!;
    expect(created.id).toBe('0');
    expectMessage(created.data.user_message);
    expectMessage(created.data.assistant_message);
    expect(created.data.user_message.content).toBe('Hi');
    expect(created.data.assistant_message).toMatchObject({ status: 'streaming', content: '' });
    const assistantId = created.data.assistant_message.id;

    const deltas = events.filter((e) => e.event === 'message.delta');
    expect(deltas.map((d) => d.data.text).join('')).toBe('Hello there');
    for (const delta of deltas) {
      expect(delta.data.message_id).toBe(assistantId);
      expect(Object.keys(delta.data).sort()).toEqual(['message_id', 'text']);
    }
    expect(deltas.at(-1)!.id).toBe(String('Hello there'.length));

    const completed = events.at(-1)!;
    expect(completed.id).toBe(`${'Hello there'.length}:end`);
    expectMessage(completed.data.message);
    expect(completed.data.message).toMatchObject({
      id: assistantId,
      content: 'Hello there',
      status: 'complete',
      tokens: 3,
    });
    expect(completed.data.message.latency_ms).toEqual(expect.any(Number));

    const usage = await t.server.db('api_usage_log').where({ message_id: assistantId });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ input_tokens: 7, output_tokens: 3 });
  });

  test('Accept: text/event-stream streams too, and ?stream=false answers JSON', async () => {
    const session = await createSession(t);
    const streamed = await t.request('/chat/messages', {
      method: 'POST',
      headers: { Accept: 'text/event-stream' },
      json: { session_id: session.id, content: 'one' },
    });
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await collectSse(streamed)).at(-1)!.event).toBe('message.completed');

    const json = await t.request('/chat/messages?stream=false', {
      method: 'POST',
      headers: { Accept: 'text/event-stream' },
      json: { session_id: session.id, content: 'two' },
    });
    expect(json.status).toBe(201);
    expect((await readJson(json)).assistant_message.content).toBe('You said: two');
  });
});

describe('GET /chat/messages/{session_id}', () => {
  test('answers the history in chronological order, honouring limit, before and has_more', async () => {
    const session = await createSession(t);
    for (const text of ['m1', 'm2', 'm3']) await sendMessage(t, session.id, text);

    const response = await t.request(`/chat/messages/${session.id}`);
    expect(response.status).toBe(200);
    const all = await readJson(response);
    expect(Object.keys(all).sort()).toEqual(['data', 'has_more']);
    expect(all.has_more).toBe(false);
    expect(all.data.map((m: { content: string }) => m.content)).toEqual([
      'm1',
      'You said: m1',
      'm2',
      'You said: m2',
      'm3',
      'You said: m3',
    ]);
    expect(all.data.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    for (const message of all.data) {
      expectMessage(message);
      expect(message.session_id).toBe(session.id);
    }
    const times = all.data.map((m: { created_at: string }) => new Date(m.created_at).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Newest two, then walk back with `before`.
    const page1 = await readJson(await t.request(`/chat/messages/${session.id}?limit=2`));
    expect(page1.data).toEqual(all.data.slice(4, 6));
    expect(page1.has_more).toBe(true);
    const page2 = await readJson(
      await t.request(`/chat/messages/${session.id}?limit=2&before=${page1.data[0].id}`),
    );
    expect(page2.data).toEqual(all.data.slice(2, 4));
    expect(page2.has_more).toBe(true);
    const page3 = await readJson(
      await t.request(`/chat/messages/${session.id}?limit=2&before=${page2.data[0].id}`),
    );
    expect(page3.data).toEqual(all.data.slice(0, 2));
    expect(page3.has_more).toBe(false);
    const page4 = await readJson(
      await t.request(`/chat/messages/${session.id}?limit=2&before=${page3.data[0].id}`),
    );
    expect(page4).toEqual({ data: [], has_more: false });

    // `before` alone, with the default limit.
    const older = await readJson(
      await t.request(`/chat/messages/${session.id}?before=${all.data[3].id}`),
    );
    expect(older).toEqual({ data: all.data.slice(0, 3), has_more: false });
  });

  test('an empty session has an empty history', async () => {
    const session = await createSession(t);
    expect(await readJson(await t.request(`/chat/messages/${session.id}`))).toEqual({
      data: [],
      has_more: false,
    });
  });

  test('the default limit is 50', async () => {
    const session = await createSession(t);
    const rows = Array.from({ length: 51 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `row ${i}`,
    }));
    await insertChain(t, session.id, rows);
    const page = await readJson(await t.request(`/chat/messages/${session.id}`));
    expect(page.data).toHaveLength(50);
    expect(page.has_more).toBe(true);
    expect(page.data[0].content).toBe('row 1');
    expect(page.data.at(-1).content).toBe('row 50');
    await t.server.db('ai_chat_messages').where({ session_id: session.id }).delete();
  });

  test('a `before` from another session answers 400', async () => {
    const a = await createSession(t);
    const b = await createSession(t);
    const sent = await sendMessage(t, a.id, 'in a');
    await expectError(
      await t.request(`/chat/messages/${b.id}?before=${sent.user_message.id}`),
      400,
      'invalid_request',
    );
  });
});

describe('POST /chat/messages/{message_id}/stop', () => {
  test('a reply that already finished comes back unchanged', async () => {
    const session = await createSession(t);
    const { assistant_message: reply, user_message: prompt } = await sendMessage(
      t,
      session.id,
      'x',
    );
    const response = await t.request(`/chat/messages/${reply.id}/stop`, { method: 'POST' });
    expect(response.status).toBe(200);
    const stopped = await readJson(response);
    expectMessage(stopped);
    expect(stopped).toEqual(reply);
    const history = await readJson(await t.request(`/chat/messages/${session.id}`));
    expect(history.data).toEqual([prompt, reply]);

    // A user message is not streaming either: unchanged.
    const user = await t.request(`/chat/messages/${prompt.id}/stop`, { method: 'POST' });
    expect(user.status).toBe(200);
    expect(await readJson(user)).toEqual(prompt);
  });

  test('a reply still streaming is stopped with its partial text kept', async () => {
    const session = await createSession(t);
    t.claude.enqueue({ kind: 'stall', chunks: ['Partial ', 'text'] });
    const controller = new AbortController();
    const response = await t.request('/chat/messages?stream=true', {
      method: 'POST',
      json: { session_id: session.id, content: 'go' },
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(`id: ${'Partial text'.length}\n`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const assistantId = /"assistant_message":\{"id":"([^"]+)"/.exec(text)![1]!;

    const stop = await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' });
    expect(stop.status).toBe(200);
    const stopped = await readJson(stop);
    expectMessage(stopped);
    expect(stopped).toMatchObject({ id: assistantId, status: 'stopped', content: 'Partial text' });

    // The follower gets message.completed with status stopped, and the stream ends.
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain('event: message.completed');
    expect(text).toContain('"status":"stopped"');
    controller.abort();

    // Stopping again is idempotent.
    const again = await readJson(
      await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST' }),
    );
    expect(again).toEqual(stopped);
  });
});

describe('GET /chat/messages/{message_id}/stream', () => {
  test('replays a finished reply: message.created, the text, message.completed', async () => {
    const session = await createSession(t);
    const { user_message: prompt, assistant_message: reply } = await sendMessage(
      t,
      session.id,
      'again',
    );
    const response = await t.request(`/chat/messages/${reply.id}/stream`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await collectSse(response);
    expect(events.map((e) => e.event)).toEqual([
      'message.created',
      'message.delta',
      'message.completed',
    ]);
    expect(events[0]!.data).toEqual({ user_message: prompt, assistant_message: reply });
    expect(events[1]!.data).toEqual({ message_id: reply.id, text: reply.content });
    expect(events[1]!.id).toBe(String(reply.content.length));
    expect(events[2]!.data).toEqual({ message: reply });
    expect(events[2]!.id).toBe(`${reply.content.length}:end`);
  });

  test('with Last-Event-ID it sends only what comes after that offset', async () => {
    const session = await createSession(t);
    const { assistant_message: reply } = await sendMessage(t, session.id, 'resume me');
    const events = await collectSse(
      await t.request(`/chat/messages/${reply.id}/stream`, { headers: { 'Last-Event-ID': '4' } }),
    );
    expect(events.map((e) => e.event)).toEqual(['message.delta', 'message.completed']);
    expect(events[0]!.data.text).toBe(reply.content.slice(4));

    const end = await collectSse(
      await t.request(`/chat/messages/${reply.id}/stream`, {
        headers: { 'Last-Event-ID': `${reply.content.length}:end` },
      }),
    );
    expect(end.map((e) => e.event)).toEqual(['message.completed']);
  });

  test('a user message is not a reply: 404 not_found', async () => {
    const session = await createSession(t);
    const { user_message: prompt } = await sendMessage(t, session.id, 'not a reply');
    await expectError(await t.request(`/chat/messages/${prompt.id}/stream`), 404, 'not_found');
  });

  test('a Last-Event-ID beyond the reply’s text answers 400', async () => {
    const session = await createSession(t);
    const { assistant_message: reply } = await sendMessage(t, session.id, 'short');
    await expectError(
      await t.request(`/chat/messages/${reply.id}/stream`, {
        headers: { 'Last-Event-ID': String(reply.content.length + 1) },
      }),
      400,
      'invalid_request',
    );
  });
});
