import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { estimateCostUsd } from '../../src/llm/pricing.js';
import type { FakeReply } from '../support/fake-claude.js';
import { collectSse, eventually, readJson, readSse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, messageRow, sendStreaming } from './helpers.js';

/** What the fake upstream reports in `message_start` for every call below. */
const INPUT_TOKENS = 42;

interface UsageRow {
  user_id: string;
  session_id: string | null;
  message_id: string | null;
  model: string;
  input_tokens: number;
  output_tokens: number;
  outcome: string;
  estimated_cost_usd: string | number;
}

// Every call to Claude writes exactly one ledger row with what it used, however it ended, in-line
// and on the Claude thread. Output not reported by Claude is estimated at four characters a token.
describe.each(['on', 'off'])('CLAUDE_THREAD=%s', (thread) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      CLAUDE_THREAD: thread,
      CLAUDE_THREAD_AFTER: '0', // every reply on the thread when it is on
      CLAUDE_CB_THRESHOLD: '100',
      CHAT_ORPHAN_GRACE_S: '0.3',
      CHAT_SPECULATIVE_START: 'on',
    });
  });
  afterAll(() => t.close());

  async function userIdOf(sessionId: string): Promise<string> {
    return (
      (await t.server.db('ai_chat_sessions').where({ id: sessionId }).first()) as {
        user_id: string;
      }
    ).user_id;
  }

  async function rowsOfUser(userId: string): Promise<UsageRow[]> {
    return (await t.server.db('api_usage_log').where({ user_id: userId })) as UsageRow[];
  }

  /** The rows `find` returns, once there are any. */
  async function onceWritten(find: () => Promise<UsageRow[]>): Promise<UsageRow[]> {
    let rows: UsageRow[] = [];
    await eventually(async () => (rows = await find()).length > 0);
    return rows;
  }

  /** The one ledger row of `messageId`, once it is written. */
  async function onlyRowOf(messageId: string): Promise<UsageRow> {
    const rows = await onceWritten(
      async () =>
        (await t.server.db('api_usage_log').where({ message_id: messageId })) as UsageRow[],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  function expectCosted(row: UsageRow, input: number, output: number): void {
    expect(row).toMatchObject({ input_tokens: input, output_tokens: output });
    expect(Number(row.estimated_cost_usd)).toBeGreaterThan(0);
    expect(Number(row.estimated_cost_usd)).toBeCloseTo(
      estimateCostUsd(row.model, input, output),
      6,
    );
  }

  /** A reply whose upstream sends `chunks` and then goes quiet; resolves once the text arrived. */
  async function startStalledReply(chunks: string[], as: string, signal?: AbortSignal) {
    t.claude.enqueue({ kind: 'stall', chunks, inputTokens: INPUT_TOKENS });
    const sessionId = await createSession(t, as);
    const response = await sendStreaming(t, sessionId, 'go', { as, ...(signal ? { signal } : {}) });
    const events = readSse(response);
    const created = (await events.next()).value!;
    let received = '';
    while (received.length < chunks.join('').length) {
      received += (await events.next()).value!.data.text as string;
    }
    return { sessionId, assistantId: created.data.assistant_message.id as string, events };
  }

  test('complete: Claude’s own counts, and the row outlives the deleted session', async () => {
    t.claude.enqueue({
      kind: 'text',
      chunks: ['Three ', 'ideas'],
      inputTokens: INPUT_TOKENS,
      outputTokens: 7,
    });
    const sessionId = await createSession(t);
    const events = await collectSse(await sendStreaming(t, sessionId, 'ideas?'));
    const assistantId = events[0]!.data.assistant_message.id as string;
    expect(events.at(-1)!.data.message).toMatchObject({ status: 'complete', tokens: 7 });
    const row = await onlyRowOf(assistantId);
    expect(row.outcome).toBe('complete');
    expectCosted(row, INPUT_TOKENS, 7);

    const userId = await userIdOf(sessionId);
    expect((await t.request(`/chat/sessions/${sessionId}`, { method: 'DELETE' })).status).toBe(204);
    const kept = (await rowsOfUser(userId)).filter((r) => r.outcome === 'complete');
    expect(kept.some((r) => r.message_id === null && r.output_tokens === 7)).toBe(true);
  });

  test('stopped by the user: the streamed output is counted, and the reply’s tokens too', async () => {
    const { assistantId } = await startStalledReply(['Half ', 'a reply'], 'ledger-stop');
    const stopped = await readJson(
      await t.request(`/chat/messages/${assistantId}/stop`, { method: 'POST', as: 'ledger-stop' }),
    );
    // "Half a reply": 12 characters, three tokens by the estimate.
    expect(stopped).toMatchObject({ status: 'stopped', tokens: 3 });
    expect((await messageRow(t, assistantId)).tokens).toBe(3);
    const row = await onlyRowOf(assistantId);
    expect(row.outcome).toBe('stopped');
    expectCosted(row, INPUT_TOKENS, 3);
  });

  test('stopped through another instance: the generating one fills in the tokens', async () => {
    const { assistantId } = await startStalledReply(['Half ', 'a reply'], 'ledger-remote');
    // As another instance's stop would: finished there, with the text it last saw and no tokens.
    await t.server
      .db('ai_chat_messages')
      .where({ id: assistantId })
      .update({ status: 'stopped', stop_reason: 'user', tokens: null });
    const row = await onlyRowOf(assistantId);
    expect(row.outcome).toBe('stopped');
    expectCosted(row, INPUT_TOKENS, 3);
    expect((await messageRow(t, assistantId)).tokens).toBe(3);
  });

  test('abandoned: the orphan grace ran out', async () => {
    const abort = new AbortController();
    const { assistantId } = await startStalledReply(
      ['Still ', 'here'],
      'ledger-orphan',
      abort.signal,
    );
    abort.abort();
    await eventually(async () => (await messageRow(t, assistantId)).status === 'stopped');
    const row = await onlyRowOf(assistantId);
    expect(row.outcome).toBe('stopped');
    expectCosted(row, INPUT_TOKENS, 3);
  });

  test.each<[string, FakeReply]>([
    [
      'an error event mid-stream',
      { kind: 'mid-stream-error', chunks: ['Part ', 'of it'], inputTokens: INPUT_TOKENS },
    ],
    [
      'a dropped connection',
      { kind: 'drop', chunks: ['Part ', 'of it'], inputTokens: INPUT_TOKENS },
    ],
  ])('failed upstream mid-stream (%s)', async (_name, reply) => {
    t.claude.enqueue(reply);
    const sessionId = await createSession(t);
    const events = await collectSse(await sendStreaming(t, sessionId, 'x'));
    const assistantId = events[0]!.data.assistant_message.id as string;
    expect(events.at(-1)!.event).toBe('error');
    const row = await onlyRowOf(assistantId);
    expect(row.outcome).toBe('error');
    expectCosted(row, INPUT_TOKENS, 3); // "Part of it": 10 characters
  });

  test('session deleted while streaming: the row is kept, pointing at nothing', async () => {
    const as = `ledger-delete-${thread}`;
    const { sessionId } = await startStalledReply(['Gone ', 'soon'], as);
    const userId = await userIdOf(sessionId);
    const deleted = await t.request(`/chat/sessions/${sessionId}`, { method: 'DELETE', as });
    expect(deleted.status).toBe(204);
    const rows = await onceWritten(() => rowsOfUser(userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ session_id: null, message_id: null });
    expectCosted(rows[0]!, INPUT_TOKENS, 3); // "Gone soon": 9 characters
  });

  test('a speculative call cancelled because the conversation changed', async () => {
    const as = `ledger-guess-${thread}`;
    const sessionId = await createSession(t, as);
    await collectSse(await sendStreaming(t, sessionId, 'first', { as }));
    // As another instance would: the reply is not what this process remembers any more.
    await t.server
      .db('ai_chat_messages')
      .where({ session_id: sessionId, role: 'assistant' })
      .update({ content: 'changed elsewhere' });
    // The early call (sent first) never finishes on its own; the usual one is answered.
    t.claude.enqueue({ kind: 'stall', chunks: ['Early'], inputTokens: INPUT_TOKENS });
    const events = await collectSse(await sendStreaming(t, sessionId, 'second', { as }));
    expect(events.at(-1)!.data.message).toMatchObject({ status: 'complete' });

    const userId = await userIdOf(sessionId);
    const cancelled = await onceWritten(async () =>
      (await rowsOfUser(userId)).filter((r) => r.outcome === 'cancelled'),
    );
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.message_id).toBeNull();
    // Cancelled before or after message_start: Claude's count, or the request's estimate.
    expect(cancelled[0]!.input_tokens).toBeGreaterThan(0);
    expect(Number(cancelled[0]!.estimated_cost_usd)).toBeGreaterThan(0);
    expect((await rowsOfUser(userId)).map((r) => r.outcome).sort()).toEqual([
      'cancelled',
      'complete',
      'complete',
    ]);
  });
});
