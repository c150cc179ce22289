import type { AttachmentService } from '../../attachments/attachment-service.js';
import type { Database } from '../../db/connect.js';
import { uniqueViolation } from '../../db/errors.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import type { PersonaCatalog } from '../../personas/persona-catalog.js';
import { KeyedLock } from '../concurrency.js';
import type { MessageQueries } from '../message-queries.js';
import type { ReplyRegistry } from '../reply/registry.js';
import type { ReplyRun } from '../reply/run.js';
import type { ReplyStore } from '../reply/store.js';
import type { SessionService } from '../session-service.js';
import { replyInProgress, type Admission } from './admit.js';
import { CLIENT_MESSAGE_ID_CONSTRAINT, ONE_STREAMING_CONSTRAINT } from './constraints.js';
import { persistPair } from './persist-pair.js';
import { checkRegenerable, Regenerations, type RegenerateInput } from './regenerate.js';
import type { Repeats } from './repeat.js';
import { resolveSend } from './resolve.js';
import type { ReplyLauncher } from './run-reply.js';
import { speculate, type SpeculationOptions } from './speculative-reply.js';
import {
  newPairIds,
  replyTarget,
  withPrompt,
  type PairIds,
  type ReplyTarget,
  type SendInput,
  type SentPair,
} from './types.js';

export interface SendPipelineOptions {
  db: Database;
  attachments: AttachmentService;
  store: ReplyStore;
  sessions: SessionService;
  queries: MessageQueries;
  registry: ReplyRegistry;
  admission: Admission;
  repeats: Repeats;
  launcher: ReplyLauncher;
  personas: PersonaCatalog;
  speculation: SpeculationOptions;
  instanceId: string;
  /**
   * Call Claude while the send is still being stored (and, with a remembered conversation, before
   * it is read), never showing or storing reply text before the pair is committed. Off: the pair is
   * committed first, then Claude is called.
   */
  callBeforeStored: boolean;
}

/**
 * A send, as stages: speculate → resolve the session (admission asked beside it) → (a repeat
 * resumes) → admit → persist the pair → run the reply; the run then finishes and accounts for
 * itself (account.ts).
 */
export class SendPipeline {
  private readonly sendLocks = new KeyedLock();
  private readonly regenerations: Regenerations;

  constructor(private readonly options: SendPipelineOptions) {
    this.regenerations = new Regenerations(options);
  }

  /**
   * Stores the user message and a "streaming" reply, then starts generating it. A repeated
   * client_message_id returns the stored pair (or regenerates a reply that failed) instead.
   * One at a time per session in this process, until the pair is committed: a concurrent repeat
   * then finds the stored pair instead of racing it, and never reaches Claude.
   */
  send(input: SendInput): Promise<SentPair> {
    return this.sendLocks.run(input.sessionId, () => this.sendInSession(input));
  }

  /**
   * Another answer to the prompt of a reply (see regenerate.ts), queued with the session's sends.
   * A user message answers 400, another user's message 404, before anything else is read.
   */
  async regenerate(input: RegenerateInput): Promise<SentPair> {
    const target = await this.options.queries.findOwnMessage(input.userId, input.messageId);
    checkRegenerable(target);
    return this.sendLocks.run(target.session_id, () =>
      this.regenerations.regenerate(input, target),
    );
  }

  private async sendInSession(input: SendInput): Promise<SentPair> {
    const { registry, admission, repeats } = this.options;
    const speculative = speculate(this.options.speculation, input);
    // The early request is built over a few microtasks: let it reach the socket before the reads.
    if (speculative) await new Promise((resolve) => setImmediate(resolve));
    const resolving = resolveSend(this.options, input);
    // Asked beside the reads (after them: PGlite runs one query at a time), heeded only once a
    // call is needed: a repeat that returns its stored pair costs nothing, so nothing refuses it.
    const admitting = admission.admit(input);
    admitting.catch(() => undefined);
    try {
      const { session, history, parentId, repeat } = await resolving;
      if (repeat) {
        speculative?.cancel(); // before resuming asks the breaker for a permit of its own
        return await repeats.resume(session, repeat, admitting);
      }
      admission.ensureIdle(session.id);
      const target = replyTarget(
        session,
        await admitting,
        this.options.personas,
        input.clientMessageId,
      );
      if (input.attachmentIds?.length) {
        speculative?.cancel(); // it could not have known the files
        await this.options.attachments.forSend(input.userId, input.attachmentIds);
        return await this.sendFresh(input, target, history, parentId);
      }
      if (speculative?.matches(target, history, parentId)) {
        const stored = this.persist(input, speculative.ids, target, parentId);
        registry.add(speculative.confirm(stored));
        return await stored;
      }
      speculative?.cancel();
      return await this.sendFresh(input, target, history, parentId);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === CLIENT_MESSAGE_ID_CONSTRAINT) {
        const raced = await repeats.find(input);
        if (raced) {
          return repeats.resume(
            await this.options.sessions.find(input.userId, input.sessionId),
            raced,
            admitting,
          );
        }
      }
      if (constraint === ONE_STREAMING_CONSTRAINT) throw replyInProgress();
      throw error;
    } finally {
      speculative?.cancel();
    }
  }

  /** No speculation (or a wrong one): a permit, the pair, and Claude asked while it commits. */
  private async sendFresh(
    input: SendInput,
    target: ReplyTarget,
    history: StoredTurn[],
    parentId: string | null,
  ): Promise<SentPair> {
    const asked = withPrompt(history, input.content, input.attachmentIds);
    const files = await this.options.launcher.filesFor(asked);
    const permit = this.options.admission.permit(); // 503 while open, before anything is stored
    let run: ReplyRun | undefined;
    try {
      const ids = newPairIds();
      const stored = this.persist(input, ids, target, parentId);
      // A send with files commits first: its claim of them may still be refused.
      if (!this.options.callBeforeStored || input.attachmentIds?.length) await stored;
      // Claude is asked while the pair commits: the commit is off the path to the first token.
      run = this.options.launcher.launch({
        target,
        messageId: ids.assistant,
        permit,
        history: asked,
        stored,
        remember: true,
        files,
      });
      this.options.registry.add(run);
      return await stored;
    } finally {
      if (!run) permit.released();
    }
  }

  private persist(
    input: SendInput,
    ids: PairIds,
    target: ReplyTarget,
    parentId: string | null,
  ): Promise<SentPair> {
    const { db, store, instanceId } = this.options;
    const reply = {
      model: target.model,
      recordedAs: target.recordedAs,
      ownerInstance: instanceId,
      leaseExpiresAt: store.leaseExpiry(),
    };
    return persistPair(db, input, ids, reply, parentId);
  }
}
