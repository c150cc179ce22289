import type { Database } from '../../db/connect.js';
import { uniqueViolation } from '../../db/errors.js';
import { ChatMessage, type ChatSession } from '../../db/models/index.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { PersonaCatalog } from '../../personas/persona-catalog.js';
import type { ConversationCache } from '../conversation-cache.js';
import type { MessageQueries } from '../message-queries.js';
import type { ReplyRegistry } from '../reply/registry.js';
import type { ReplyStore } from '../reply/store.js';
import { replyInProgress, type Admission } from './admit.js';
import { ONE_STREAMING_CONSTRAINT } from './constraints.js';
import { withFactsOf } from '../tree/message-facts.js';
import { personaColumns } from './persist-pair.js';
import type { ReplyLauncher } from './run-reply.js';
import {
  replyTarget,
  type Admitted,
  type ReplyTarget,
  type SendInput,
  type SentPair,
} from './types.js';

export interface RepeatsOptions {
  db: Database;
  queries: MessageQueries;
  store: ReplyStore;
  admission: Admission;
  registry: ReplyRegistry;
  conversations: ConversationCache;
  launcher: ReplyLauncher;
  personas: PersonaCatalog;
  instanceId: string;
}

/** A send whose client_message_id was used before in its session: a retry, not a new turn. */
export class Repeats {
  constructor(private readonly options: RepeatsOptions) {}

  /**
   * The pair stored for this retry; 409 when the id came with different content, after another
   * explicit parent, or was a regenerate's.
   */
  async find(input: SendInput): Promise<SentPair | undefined> {
    const { queries } = this.options;
    const userMessage = await queries.findByClientMessageId(
      input.sessionId,
      input.clientMessageId!,
    );
    if (!userMessage) return undefined;
    if (
      userMessage.role !== 'user' ||
      userMessage.content !== input.content ||
      (input.parentId !== undefined && input.parentId !== userMessage.parent_id)
    ) {
      throw new ConflictError(
        'This client_message_id was already used for a different message in this session.',
      );
    }
    const assistantMessage = await queries.replyTo(userMessage.id);
    if (!assistantMessage) throw new NotFoundError('Message');
    return { userMessage, assistantMessage };
  }

  /**
   * The pair as stored, or, when its reply failed, the same reply generated again, once
   * `admission` (budgets, Claude's rate limit: see admit.ts) lets it.
   */
  async resume(
    session: ChatSession,
    pair: SentPair,
    admission: Promise<Admitted>,
  ): Promise<SentPair> {
    if (pair.assistantMessage.status !== 'error') return pair;
    const { store, queries, registry, conversations, launcher } = this.options;
    const target = replyTarget(session, await admission, this.options.personas);
    const permit = this.options.admission.permit();
    let handedOver = false;
    try {
      const restarted = await this.restart(pair.assistantMessage.id, target);
      if (!restarted) {
        // Another request restarted it first: follow that one.
        const current = await store.load(pair.assistantMessage.id);
        return {
          userMessage: pair.userMessage,
          assistantMessage: withFactsOf(current ?? pair.assistantMessage, pair.assistantMessage),
        };
      }
      const [history] = await Promise.all([
        queries.branchHistory({
          userId: session.user_id,
          sessionId: session.id,
          anchor: pair.userMessage.id,
        }),
        this.showOnSession(session.id, restarted.id),
      ]).catch(async (error: unknown) => {
        await store.finish(restarted.id, {
          status: 'error',
          content: '',
          tokens: null,
          latencyMs: null,
          stopReason: 'internal',
        });
        throw error;
      });
      // A reply regenerated in place may not be the latest message: forget what we assumed.
      conversations.delete(session.id);
      const files = await launcher.filesFor(history);
      const run = launcher.launch({
        target,
        messageId: restarted.id,
        permit,
        history,
        stored: Promise.resolve(),
        remember: false,
        siblingIds: pair.assistantMessage.sibling_ids,
        files,
      });
      handedOver = true;
      registry.add(run);
      return {
        userMessage: pair.userMessage,
        assistantMessage: withFactsOf(restarted, pair.assistantMessage),
      };
    } finally {
      if (!handedOver) permit.released();
    }
  }

  /** A reply generated again is the one the person wants to see: the session's current leaf. */
  private async showOnSession(sessionId: string, messageId: string): Promise<void> {
    await this.options
      .db('ai_chat_sessions')
      .where({ id: sessionId })
      .update({ current_message_id: messageId, updated_at: new Date() });
  }

  /** error → streaming, owned here; undefined when another request restarted it first. */
  private async restart(messageId: string, target: ReplyTarget): Promise<ChatMessage | undefined> {
    const { db, store, instanceId } = this.options;
    try {
      const rows = await ChatMessage.query(db)
        .patch({
          status: 'streaming',
          content: '',
          tokens: null,
          latency_ms: null,
          stop_reason: null,
          first_token_ms: null,
          model: target.model,
          ...personaColumns(target.recordedAs),
          owner_instance: instanceId,
          lease_expires_at: store.leaseExpiry(),
          updated_at: new Date(),
        })
        .where({ id: messageId, status: 'error' })
        .returning('*');
      return (rows as unknown as ChatMessage[])[0];
    } catch (error) {
      if (uniqueViolation(error) === ONE_STREAMING_CONSTRAINT) throw replyInProgress();
      throw error;
    }
  }
}
