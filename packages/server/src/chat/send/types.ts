import { randomUUID } from 'node:crypto';
import type { ChatMessage, ChatSession } from '../../db/models/index.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import { systemPromptFor } from '../../llm/system-prompts.js';

export interface SendInput {
  userId: string;
  sessionId: string;
  content: string;
  clientMessageId?: string | undefined;
}

/** A stored user message and its reply. */
export interface SentPair {
  userMessage: ChatMessage;
  assistantMessage: ChatMessage;
}

/** The ids a new pair is stored under, chosen before it is stored. */
export interface PairIds {
  user: string;
  assistant: string;
}

/** Where a reply belongs and what Claude is told. */
export interface ReplyTarget {
  sessionId: string;
  userId: string;
  system: string;
  clientMessageId?: string | undefined;
}

export function newPairIds(): PairIds {
  return { user: randomUUID(), assistant: randomUUID() };
}

export function replyTarget(session: ChatSession, clientMessageId?: string): ReplyTarget {
  return {
    sessionId: session.id,
    userId: session.user_id,
    system: systemPromptFor(session.mode, session.system_prompt),
    clientMessageId,
  };
}

/** The history Claude is sent: the stored turns, then the message being sent. */
export function withPrompt(history: StoredTurn[], content: string): StoredTurn[] {
  return [...history, { role: 'user', content, status: 'complete' }];
}
