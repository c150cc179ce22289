import type { Database } from '../../db/connect.js';
import type { ChatSession, SessionStatus } from '../../db/models/index.js';
import { switchBranchSql } from './branch-sql.js';

export interface BranchSwitch {
  userId: string;
  sessionId: string;
  /** Any message of the session: the leaf becomes its newest descendant. */
  messageId: string;
  title?: string | undefined;
  status?: SessionStatus | undefined;
}

/** One statement (see switchBranchSql); undefined when the session or the message is not found. */
export async function switchBranch(
  db: Database,
  change: BranchSwitch,
): Promise<ChatSession | undefined> {
  const sets: string[] = [];
  const values: string[] = [];
  for (const column of ['title', 'status'] as const) {
    const value = change[column];
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(value);
  }
  const { rows } = (await db.raw(switchBranchSql(sets), [
    change.messageId,
    change.sessionId,
    ...values,
    change.sessionId,
    change.userId,
  ])) as { rows: ChatSession[] };
  return rows[0];
}
