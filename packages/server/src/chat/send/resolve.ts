import type { ChatSession } from '../../db/models/index.js';
import { InvalidRequestError, NotFoundError } from '../../errors.js';
import { settledInOrder } from '../concurrency.js';
import type { MessageQueries } from '../message-queries.js';
import type { SessionService } from '../session-service.js';
import type { BranchTurn } from '../tree/branch-queries.js';
import type { Repeats } from './repeat.js';
import type { SendInput, SentPair } from './types.js';

export interface ResolvedSend {
  session: ChatSession;
  /** The newest messages of the branch the send continues, oldest first; its parent last. */
  history: BranchTurn[];
  /** The message the new one follows; null for a new root (or a session's first message). */
  parentId: string | null;
  /** The stored pair when this send repeats a client_message_id. */
  repeat: SentPair | undefined;
}

export interface ResolveOptions {
  sessions: SessionService;
  queries: MessageQueries;
  repeats: Repeats;
}

/**
 * Stage "resolve the session": the user's session, the branch the send continues and any stored
 * repeat, read beside each other (all scoped to the user's session) to save round trips. A
 * missing session (404) wins over what the other reads found, and a repeat over where the new
 * message would go (a retry gets its pair back, whatever the tree has become).
 */
export async function resolveSend(
  options: ResolveOptions,
  input: SendInput,
): Promise<ResolvedSend> {
  const { userId, sessionId, parentId } = input;
  const [session, history, repeat] = await settledInOrder(
    options.sessions.find(userId, sessionId),
    options.queries.branchHistory({ userId, sessionId, anchor: parentId }),
    input.clientMessageId ? options.repeats.find(input) : Promise.resolve(undefined),
  );
  const parent = history.at(-1);
  if (!repeat && parentId) checkParent(parent);
  return { session, history, parentId: parent?.id ?? null, repeat };
}

/** A send after a given message: it must be a finished reply of this session. */
function checkParent(parent: BranchTurn | undefined): void {
  if (!parent) throw new NotFoundError('Message');
  if (parent.role === 'user') {
    throw new InvalidRequestError(
      '`parent_id` must be a reply (an assistant message), not a user message.',
      {
        field: 'parent_id',
      },
    );
  }
  if (parent.status === 'streaming') {
    throw new InvalidRequestError('`parent_id` is a reply that is still streaming.', {
      field: 'parent_id',
    });
  }
}
