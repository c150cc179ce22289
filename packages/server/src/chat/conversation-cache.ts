import { LRUCache } from 'lru-cache';
import type { StoredTurn } from '../llm/context-builder.js';

export interface CachedConversation {
  userId: string;
  /** The session's mode and own instructions: what chooses its persona (and so its prompt). */
  mode: string;
  sessionPrompt: string | null;
  /** The session's latest messages, oldest first, as the context query returns them. */
  history: StoredTurn[];
  /** client_message_ids sent in it lately: a send that repeats one is a retry, not a new turn. */
  clientMessageIds: string[];
  /** The message `history` ends with (the current leaf then); null for an empty session. */
  leafId: string | null;
}

const ENTRY_OVERHEAD_CHARS = 256;
const CLIENT_MESSAGE_IDS_KEPT = 50;

/**
 * What this process last knew of recent conversations, so that a send can ask Claude before the
 * database has answered. Never trusted on its own: the send still reads the session and compares
 * (chat/send/speculative-reply.ts). Least recently used entries go first once the text held passes `maxChars`;
 * `maxChars` 0 remembers nothing.
 */
export class ConversationCache {
  private readonly entries: LRUCache<string, CachedConversation> | undefined;

  constructor(
    maxChars: number,
    private readonly maxTurns: number,
  ) {
    this.entries =
      maxChars > 0
        ? new LRUCache({ maxSize: maxChars, maxEntrySize: maxChars, sizeCalculation: charsHeld })
        : undefined;
  }

  get(sessionId: string, userId: string): CachedConversation | undefined {
    const entry = this.entries?.get(sessionId);
    return entry?.userId === userId ? entry : undefined;
  }

  set(sessionId: string, conversation: CachedConversation): void {
    // An entry over the budget is not stored, and must not leave an older one behind.
    this.entries?.delete(sessionId);
    this.entries?.set(sessionId, {
      ...conversation,
      history: conversation.history.slice(-this.maxTurns),
      clientMessageIds: conversation.clientMessageIds.slice(-CLIENT_MESSAGE_IDS_KEPT),
    });
  }

  delete(sessionId: string): void {
    this.entries?.delete(sessionId);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}

function charsHeld(entry: CachedConversation): number {
  return (
    ENTRY_OVERHEAD_CHARS +
    (entry.sessionPrompt?.length ?? 0) +
    entry.clientMessageIds.reduce((sum, id) => sum + id.length, 0) +
    entry.history.reduce((sum, turn) => sum + turn.content.length, 0)
  );
}

/** Whether two histories are the same conversation (what Claude would be sent). */
export function sameHistory(a: readonly StoredTurn[], b: readonly StoredTurn[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (turn, i) =>
        turn.role === b[i]!.role && turn.content === b[i]!.content && turn.status === b[i]!.status,
    )
  );
}
