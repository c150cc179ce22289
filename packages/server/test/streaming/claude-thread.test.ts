import { afterAll, beforeAll, expect, test } from 'vitest';
import { ThreadedGenerator } from '../../src/llm/threaded-generator.js';
import { collectSse, readSse, type SseEvent } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, messageRow, sendStreaming } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  // One reply on the main thread; every other live reply spills to the Claude thread.
  t = await startTestServer({ CLAUDE_THREAD: 'on', CLAUDE_THREAD_AFTER: '1' });
});
afterAll(() => t.close());

test('replies on both threads at once stream in order and are stored once each', async () => {
  const count = 6;
  for (let i = 0; i < count; i++) {
    t.claude.enqueue({ kind: 'text', chunks: [`reply ${i}: `, 'a', 'b', 'c'], chunkDelayMs: 40 });
  }
  const sessions = await Promise.all(Array.from({ length: count }, () => createSession(t)));
  const streams = await Promise.all(
    sessions.map((sessionId, i) => sendStreaming(t, sessionId, `question ${i}`)),
  );
  const results = await Promise.all(streams.map((response) => collectSse(response)));
  const contents = new Set<string>();
  for (const events of results) {
    const deltas = events.filter((e) => e.event === 'message.delta').map((e) => e.data.text);
    const done = events.at(-1)!;
    expect(done.event).toBe('message.completed');
    expect(deltas.join('')).toBe(done.data.message.content);
    expect(done.data.message.content).toMatch(/^reply \d: abc$/);
    contents.add(done.data.message.content);
    const row = await messageRow(t, done.data.message.id);
    expect(row).toMatchObject({ status: 'complete', content: done.data.message.content });
  }
  expect(contents.size).toBe(count);
});

test('a stop reaches a reply on the Claude thread: the upstream call ends, the text is kept', async () => {
  t.claude.enqueue(
    { kind: 'text', chunks: ['hold ', 'the ', 'line'], chunkDelayMs: 300 },
    { kind: 'text', chunks: ['long ', 'story ', 'never ', 'ends'], chunkDelayMs: 300 },
  );
  const [first, second] = await Promise.all([createSession(t), createSession(t)]);
  const holding = sendStreaming(t, first, 'keep the main thread busy');
  await t.claude.waitForRequests(t.claude.requests.length + 1);
  const response = await sendStreaming(t, second, 'tell me');
  const events: SseEvent[] = [];
  for await (const event of readSse(response)) {
    events.push(event);
    if (event.event === 'message.delta') {
      const stopped = await t.request(`/chat/messages/${event.data.message_id}/stop`, {
        method: 'POST',
      });
      expect(stopped.status).toBe(200);
    }
  }
  const last = events.at(-1)!;
  expect(last.event).toBe('message.completed');
  expect(last.data.message).toMatchObject({ status: 'stopped', content: 'long ' });
  await collectSse(await holding);
});

test('once the Claude thread has ended, replies are read on the main thread instead of hanging', async () => {
  const generator = new ThreadedGenerator(
    {
      apiKey: 'test-key',
      baseUrl: t.claude.url,
      model: 'claude-test',
      maxTokens: 100,
      maxRetries: 0,
      idleTimeoutMs: 5_000,
    },
    0, // every reply on the thread
  );
  const ask = async (content: string) => {
    let text = '';
    const usage = await generator.generate({
      system: 'test',
      turns: [{ role: 'user', content }],
      signal: new AbortController().signal,
      onText: (chunk) => (text += chunk),
    });
    return { text, usage };
  };
  expect((await ask('on the thread')).text).toBe('You said: on the thread');
  await generator.close();
  const after = await ask('after the thread');
  expect(after.text).toBe('You said: after the thread');
  expect(after.usage.outputTokens).toBeGreaterThan(0);
});

test('a call on the Claude thread asks the model it names (a site’s fallback), not CLAUDE_MODEL', async () => {
  const generator = new ThreadedGenerator(
    {
      apiKey: 'test-key',
      baseUrl: t.claude.url,
      model: 'claude-sonnet-5-5',
      maxTokens: 64,
      maxRetries: 0,
      idleTimeoutMs: 10_000,
    },
    0, // every call on the thread
  );
  try {
    const calls = t.claude.requests.length;
    const texts: string[] = [];
    await generator.generate({
      model: 'claude-haiku-4-5',
      system: '',
      turns: [{ role: 'user', content: 'hi' }],
      signal: new AbortController().signal,
      onText: (text) => texts.push(text),
    });
    expect(t.claude.requests[calls]!.body.model).toBe('claude-haiku-4-5');
    expect(texts.join('')).toBe('You said: hi');
    await generator.generate({
      system: '',
      turns: [{ role: 'user', content: 'again' }],
      signal: new AbortController().signal,
      onText: () => {},
    });
    expect(t.claude.requests[calls + 1]!.body.model).toBe('claude-sonnet-5-5');
  } finally {
    await generator.close();
  }
});
