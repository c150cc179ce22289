import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connect.js';
import { uniqueViolation } from '../../db/errors.js';
import type { ChatMessage } from '../../db/models/index.js';
import { ConflictError, InvalidRequestError } from '../../errors.js';
import type { PersonaCatalog } from '../../personas/persona-catalog.js';
import { settledInOrder } from '../concurrency.js';
import type { MessageQueries } from '../message-queries.js';
import type { ReplyRegistry } from '../reply/registry.js';
import type { ReplyRun } from '../reply/run.js';
import type { ReplyStore } from '../reply/store.js';
import type { SessionService } from '../session-service.js';
import type { BranchTurn } from '../tree/branch-queries.js';
import { replyInProgress, type Admission } from './admit.js';
import { CLIENT_MESSAGE_ID_CONSTRAINT, ONE_STREAMING_CONSTRAINT } from './constraints.js';
import { persistReply } from './persist-reply.js';
import type { Repeats } from './repeat.js';
import type { ReplyLauncher } from './run-reply.js';
import { replyTarget, type Admitted, type ReplyTarget, type SentPair } from './types.js';

export interface RegenerateInput {
  userId: string;
  /** See SendInput.siteId. */
  siteId?: string | undefined;
  /** The reply to answer again (an assistant message of the user). */
  messageId: string;
  clientMessageId?: string | undefined;
}

export interface RegenerationsOptions {
  db: Database;
  store: ReplyStore;
  sessions: SessionService;
  queries: MessageQueries;
  registry: ReplyRegistry;
  admission: Admission;
  repeats: Repeats;
  launcher: ReplyLauncher;
  personas: PersonaCatalog;
  instanceId: string;
  /** See SendPipelineOptions.callBeforeStored. */
  callBeforeStored: boolean;
}

/** The reply a regenerate names, before anything else is read: 404, or 400 for a user message. */
export function checkRegenerable(reply: ChatMessage): asserts reply is ChatMessage & {
  parent_id: string;
} {
  if (reply.role !== 'assistant' || !reply.parent_id) {
    throw new InvalidRequestError('Only a reply (an assistant message) can be regenerated.', {
      field: 'message_id',
    });
  }
}

/**
 * Another answer to the prompt of a reply: a send's stages (admission, one reply at a time, the
 * repeat of a key, persist, run) with the prompt already stored. Run inside the send's per-session
 * lock (SendPipeline.regenerate), so that sends and regenerates of one session queue together.
 */
export class Regenerations {
  constructor(private readonly options: RegenerationsOptions) {}

  /** `target`: the reply as read before the lock (checkRegenerable); its parent never changes. */
  async regenerate(
    input: RegenerateInput,
    target: ChatMessage & { parent_id: string },
  ): Promise<SentPair> {
    const { sessions, queries, admission, repeats } = this.options;
    const sessionId = target.session_id;
    const admitting = admission.admit(input);
    admitting.catch(() => undefined);
    try {
      const [session, reply, prompt, history, found] = await settledInOrder(
        sessions.find(input.userId, sessionId),
        // Read again under the lock: its status and siblings as they are now.
        queries.findOwnMessage(input.userId, input.messageId),
        queries.inSession(sessionId, target.parent_id),
        queries.branchHistory({ userId: input.userId, sessionId, anchor: target.parent_id }),
        input.clientMessageId
          ? queries.findByClientMessageId(sessionId, input.clientMessageId)
          : Promise.resolve(undefined),
      );
      if (prompt?.role !== 'user') {
        throw new InvalidRequestError('This reply answers no user message.', {
          field: 'message_id',
        });
      }
      if (found) return await repeats.resume(session, repeatOf(found, prompt), admitting);
      if (reply.status === 'streaming') throw replyInProgress();
      admission.ensureIdle(session.id);
      const asked = replyTarget(
        session,
        await admitting,
        this.options.personas,
        input.clientMessageId,
      );
      return await this.generate(asked, prompt, history, reply.sibling_ids ?? [reply.id]);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === CLIENT_MESSAGE_ID_CONSTRAINT) return this.raced(input, target, admitting);
      if (constraint === ONE_STREAMING_CONSTRAINT) throw replyInProgress();
      throw error;
    }
  }

  /** A permit, the new reply, and Claude asked while it commits (as SendPipeline.sendFresh). */
  private async generate(
    target: ReplyTarget,
    prompt: ChatMessage,
    history: BranchTurn[],
    /** The prompt's replies, as read under the lock: none can be added until this one ends. */
    earlierReplies: string[],
  ): Promise<SentPair> {
    const { db, store, instanceId, launcher, registry } = this.options;
    const files = await launcher.filesFor(history);
    const permit = this.options.admission.permit(); // 503 while open, before anything is stored
    let run: ReplyRun | undefined;
    try {
      const id = randomUUID();
      const stored = persistReply(db, {
        id,
        sessionId: target.sessionId,
        userId: target.userId,
        promptId: prompt.id,
        clientMessageId: target.clientMessageId,
        model: target.model,
        recordedAs: target.recordedAs,
        ownerInstance: instanceId,
        leaseExpiresAt: store.leaseExpiry(),
      });
      if (!this.options.callBeforeStored) await stored;
      run = launcher.launch({
        target,
        messageId: id,
        permit,
        history,
        stored,
        remember: true,
        siblingIds: [...earlierReplies, id],
        files,
      });
      registry.add(run);
      return { userMessage: prompt, assistantMessage: await stored };
    } finally {
      if (!run) permit.released();
    }
  }

  /** Another request stored this key first (another instance): resume what it stored. */
  private async raced(
    input: RegenerateInput,
    target: ChatMessage & { parent_id: string },
    admitting: Promise<Admitted>,
  ): Promise<SentPair> {
    const { sessions, queries, repeats } = this.options;
    const sessionId = target.session_id;
    const [session, found, prompt] = await settledInOrder(
      sessions.find(input.userId, sessionId),
      queries.findByClientMessageId(sessionId, input.clientMessageId!),
      queries.inSession(sessionId, target.parent_id),
    );
    if (!found || !prompt) throw replyInProgress();
    return repeats.resume(session, repeatOf(found, prompt), admitting);
  }
}

/** The pair a regenerate's key names; 409 when the key was a send's, or another prompt's. */
function repeatOf(found: ChatMessage, prompt: ChatMessage): SentPair {
  if (found.role !== 'assistant' || found.parent_id !== prompt.id) {
    throw new ConflictError(
      'This client_message_id was already used for another request in this session.',
    );
  }
  return { userMessage: prompt, assistantMessage: found };
}
