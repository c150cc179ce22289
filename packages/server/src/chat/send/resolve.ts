import type { StoredTurn } from '../../llm/context-builder.js';
import type { ChatSession } from '../../db/models/index.js';
import { settledInOrder } from '../concurrency.js';
import type { MessageQueries } from '../message-queries.js';
import type { SessionService } from '../session-service.js';
import type { Repeats } from './repeat.js';
import type { SendInput, SentPair } from './types.js';

export interface ResolvedSend {
  session: ChatSession;
  /** The newest messages of the branch the send continues, oldest first. */
  history: StoredTurn[];
  /** The stored pair when this send repeats a client_message_id. */
  repeat: SentPair | undefined;
}

export interface ResolveOptions {
  sessions: SessionService;
  queries: MessageQueries;
  repeats: Repeats;
}

/**
 * Stage "resolve the session": the user's session, its recent history and any stored repeat, read
 * beside each other (all scoped to the user's session) to save round trips. A missing session
 * (404) wins over what the other reads found.
 */
export async function resolveSend(
  options: ResolveOptions,
  input: SendInput,
): Promise<ResolvedSend> {
  const [session, history, repeat] = await settledInOrder(
    options.sessions.find(input.userId, input.sessionId),
    options.queries.branchHistory({ userId: input.userId, sessionId: input.sessionId }),
    input.clientMessageId ? options.repeats.find(input) : Promise.resolve(undefined),
  );
  return { session, history, repeat };
}
