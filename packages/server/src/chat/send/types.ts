import { randomUUID } from 'node:crypto';
import type { ChatMessage, ChatSession } from '../../db/models/index.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import { withSessionPrompt } from '../../llm/system-prompts.js';
import type { PersonaCatalog } from '../../personas/persona-catalog.js';
import type { PersonaChoice } from '../../personas/persona-choice.js';

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
  /** `model` is the site's fallback (a budget is spent): it answers whatever the persona names. */
  fallback: boolean;
  /** The send's site, if it exists: the call is counted against its budget. */
  siteId: string | undefined;
}

/** What a reply records of who wrote it: the persona, and the experiment variant if one ran. */
export type PersonaIds = Pick<PersonaChoice, 'personaId' | 'experimentId' | 'variantId'>;

/** Where a reply belongs, what Claude is told, which model answers and whose budget pays. */
export interface ReplyTarget extends Admitted {
  sessionId: string;
  userId: string;
  /** The session's mode and own instructions, which chose `system` (kept for the next send). */
  mode: string;
  sessionPrompt: string | null;
  system: string;
  /** The persona's; null: the server's defaults. */
  temperature: number | null;
  maxTokens: number | null;
  recordedAs: PersonaIds;
  clientMessageId?: string | undefined;
}

/** What of a session chooses its persona: its mode, and its own instructions. */
export type SessionPersonaFacts = Pick<ChatSession, 'id' | 'user_id' | 'mode' | 'system_prompt'>;

export function newPairIds(): PairIds {
  return { user: randomUUID(), assistant: randomUUID() };
}

/**
 * The reply's target: the persona the session's mode names for its site (the variant this user
 * keeps, if it runs an experiment), its model unless a spent budget's fallback answers.
 */
export function replyTarget(
  session: SessionPersonaFacts,
  admitted: Admitted,
  personas: PersonaCatalog,
  clientMessageId?: string,
): ReplyTarget {
  const choice = personas.choose({
    siteId: admitted.siteId,
    mode: session.mode,
    userId: session.user_id,
  });
  return {
    siteId: admitted.siteId,
    fallback: admitted.fallback,
    model: admitted.fallback ? admitted.model : (choice.model ?? admitted.model),
    sessionId: session.id,
    userId: session.user_id,
    mode: session.mode,
    sessionPrompt: session.system_prompt,
    system: withSessionPrompt(choice.system, session.system_prompt),
    temperature: choice.temperature,
    maxTokens: choice.maxTokens,
    recordedAs: {
      personaId: choice.personaId,
      experimentId: choice.experimentId,
      variantId: choice.variantId,
    },
    clientMessageId,
  };
}

/** Whether two targets ask Claude the same thing, pay from the same budget and record the same. */
export function sameTarget(a: ReplyTarget, b: ReplyTarget): boolean {
  return (
    a.siteId === b.siteId &&
    a.model === b.model &&
    a.system === b.system &&
    a.temperature === b.temperature &&
    a.maxTokens === b.maxTokens &&
    a.recordedAs.personaId === b.recordedAs.personaId &&
    a.recordedAs.variantId === b.recordedAs.variantId
  );
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
