import { randomUUID } from 'node:crypto';
import type { ChatMessage, ChatSession } from '../../db/models/index.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import { systemPromptFor } from '../../llm/system-prompts.js';

export interface SendInput {
  userId: string;
  /** The site a guest token names (`ctx.state.siteId`): its budget and fallback model apply. */
  siteId?: string | undefined;
  sessionId: string;
  content: string;
  /** Uploads to send with it, in order (checked by AttachmentService.forSend). */
  attachmentIds?: string[] | undefined;
  clientMessageId?: string | undefined;
  /**
   * The message the new one follows: undefined, the session's current leaf; an assistant message
   * of the session, after that reply; null, a new root (how a first message is edited).
   */
  parentId?: string | null | undefined;
}

/** Who asks for a reply, for admission (budgets are the user's and the site's). */
export type Requester = Pick<SendInput, 'userId' | 'siteId'>;

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

/** What admission decided for a send that calls Claude (see admit.ts). */
export interface Admitted {
  /** CLAUDE_MODEL, or the site's fallback model once a budget is spent. */
  model: string;
  /** The send's site, if it exists: the call is counted against its budget. */
  siteId: string | undefined;
}

/** Where a reply belongs, what Claude is told, which model answers and whose budget pays. */
export interface ReplyTarget extends Admitted {
  sessionId: string;
  userId: string;
  system: string;
  clientMessageId?: string | undefined;
}

export function newPairIds(): PairIds {
  return { user: randomUUID(), assistant: randomUUID() };
}

export function replyTarget(
  session: ChatSession,
  admitted: Admitted,
  clientMessageId?: string,
): ReplyTarget {
  return {
    ...admitted,
    sessionId: session.id,
    userId: session.user_id,
    system: systemPromptFor(session.mode, session.system_prompt),
    clientMessageId,
  };
}

/** The history Claude is sent: the stored turns, then the message being sent. */
export function withPrompt(
  history: StoredTurn[],
  content: string,
  attachmentIds?: string[],
): StoredTurn[] {
  const prompt: StoredTurn = { role: 'user', content, status: 'complete' };
  if (attachmentIds?.length) prompt.attachment_ids = attachmentIds;
  return [...history, prompt];
}
