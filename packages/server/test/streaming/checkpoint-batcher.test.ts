import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CheckpointBatcher } from '../../src/chat/reply/checkpoint-batcher.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('checkpoints of many replies in one window are saved together; a finished reply answers false', async () => {
  const sessionIds = await Promise.all([createSession(t), createSession(t), createSession(t)]);
  const { user_id: userId } = await t.server
    .db('ai_chat_sessions')
    .where({ id: sessionIds[0] })
    .first();
  const ids = sessionIds.map(() => randomUUID());
  await t.server.db('ai_chat_messages').insert(
    ids.map((id, i) => ({
      id,
      session_id: sessionIds[i],
      user_id: userId,
      role: 'assistant',
      content: '',
      status: i === 2 ? 'complete' : 'streaming',
    })),
  );
  const statements: string[] = [];
  const onQuery = (query: { sql: string }) => statements.push(query.sql);
  t.server.db.on('query', onQuery);
  const batcher = new CheckpointBatcher(t.server.db, () => new Date(Date.now() + 60_000));
  const results = await Promise.all([
    batcher.checkpoint(ids[0]!, 'first draft'),
    batcher.checkpoint(ids[0]!, 'first draft, longer'),
    batcher.checkpoint(ids[1]!, 'second'),
    batcher.checkpoint(ids[2]!, 'too late'),
  ]);
  t.server.db.off('query', onQuery);

  expect(results).toEqual([true, true, true, false]);
  expect(statements.filter((sql) => sql.includes('UPDATE ai_chat_messages'))).toHaveLength(1);
  const rows = await t.server.db('ai_chat_messages').whereIn('id', ids).orderBy('status', 'desc');
  const byId = new Map(rows.map((row) => [row.id, row]));
  expect(byId.get(ids[0])!.content).toBe('first draft, longer');
  expect(byId.get(ids[1])!.content).toBe('second');
  expect(byId.get(ids[2])!.content).toBe('');
  expect(byId.get(ids[0])!.lease_expires_at.getTime()).toBeGreaterThan(Date.now());
});
