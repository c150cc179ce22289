import { fillAttachments } from '../attachments/message-attachments.js';
import {
  fromFactsRow,
  messagesWithFacts,
  type MessageFactsRow,
} from '../chat/tree/message-facts.js';
import type { Database } from '../db/connect.js';
import type { ChatMessage } from '../db/models/index.js';

/** Messages are read this many at a time: an export of any length holds one chunk. */
const CHUNK = 100;

/** The ids of the branch from the root to `leafId`, root first (one primary-key probe each). */
const BRANCH_IDS_SQL = `
WITH RECURSIVE up AS (
  SELECT id, parent_id, 1 AS depth FROM ai_chat_messages WHERE id = ? AND session_id = ?
  UNION ALL
  SELECT p.id, p.parent_id, u.depth + 1 FROM up u
    JOIN ai_chat_messages p ON p.id = u.parent_id AND p.session_id = ?
)
SELECT id FROM up ORDER BY depth DESC`;

async function withFacts(db: Database, rows: MessageFactsRow[]): Promise<ChatMessage[]> {
  const messages = rows.map(fromFactsRow);
  await fillAttachments(db, messages);
  return messages;
}

/** The session's branch through `leafId`, root first, a chunk at a time. */
export async function* branchMessages(
  db: Database,
  sessionId: string,
  leafId: string | null,
): AsyncGenerator<ChatMessage> {
  if (!leafId) return;
  const result = (await db.raw(BRANCH_IDS_SQL, [leafId, sessionId, sessionId])) as {
    rows: { id: string }[];
  };
  const ids = result.rows.map((row) => row.id);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const rows = (await messagesWithFacts(db).whereIn('m.id', chunk)) as MessageFactsRow[];
    const byId = new Map((await withFacts(db, rows)).map((message) => [message.id, message]));
    for (const id of chunk) {
      const message = byId.get(id);
      if (message) yield message;
    }
  }
}

/** Every message of the session, on every branch, oldest first, a chunk at a time. */
export async function* allMessages(db: Database, sessionId: string): AsyncGenerator<ChatMessage> {
  let after: string | number = 0;
  for (;;) {
    const rows = (await messagesWithFacts(db)
      .where('m.session_id', sessionId)
      .andWhere('m.seq', '>', after)
      .orderBy('m.seq')
      .limit(CHUNK)) as (MessageFactsRow & { seq: string | number })[];
    if (!rows.length) return;
    yield* await withFacts(db, rows);
    after = rows.at(-1)!.seq;
    if (rows.length < CHUNK) return;
  }
}
