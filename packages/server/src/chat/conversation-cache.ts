import type { StoredTurn } from '../llm/context-builder.js';

export interface CachedConversation {
  userId: string;
  /** The session's system prompt, resolved from its mode. */
  system: string;
  /** The session's latest messages, oldest first, as the context query returns them. */
  history: StoredTurn[];
  /** client_message_ids sent in it lately: a send that repeats one is a retry, not a new turn. */
  clientMessageIds: string[];
}

const ENTRY_OVERHEAD_CHARS = 256;
const CLIENT_MESSAGE_IDS_KEPT = 50;

/**
 * What this process last knew of recent conversations, so that a send can ask Claude before the
 * database has answered. Never trusted on its own: the send still reads the session and compares
 * (MessageService). Least recently used entries go first once the text held passes `maxChars`.
 */
export class ConversationCache {
  private readonly entries = new Map<string, { entry: CachedConversation; chars: number }>();
  private chars = 0;

  constructor(
    private readonly maxChars: number,
    private readonly maxTurns: number,
  ) {}

  get(sessionId: string, userId: string): CachedConversation | undefined {
    const held = this.entries.get(sessionId);
    if (!held || held.entry.userId !== userId) return undefined;
    this.entries.delete(sessionId);
    this.entries.set(sessionId, held); // most recently used last
    return held.entry;
  }

  set(sessionId: string, conversation: CachedConversation): void {
    this.delete(sessionId);
    const entry = {
      ...conversation,
      history: conversation.history.slice(-this.maxTurns),
      clientMessageIds: conversation.clientMessageIds.slice(-CLIENT_MESSAGE_IDS_KEPT),
    };
    const chars =
      ENTRY_OVERHEAD_CHARS +
      entry.system.length +
      entry.clientMessageIds.reduce((sum, id) => sum + id.length, 0) +
      entry.history.reduce((sum, turn) => sum + turn.content.length, 0);
    if (chars > this.maxChars) return;
    this.entries.set(sessionId, { entry, chars });
    this.chars += chars;
    for (const [oldest, held] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= held.chars;
    }
  }

  delete(sessionId: string): void {
    const held = this.entries.get(sessionId);
    if (!held) return;
    this.entries.delete(sessionId);
    this.chars -= held.chars;
  }

  get size(): number {
    return this.entries.size;
  }
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
