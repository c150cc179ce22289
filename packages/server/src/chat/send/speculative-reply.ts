import type { BreakerPermit } from '../../llm/circuit-breaker.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import type { Metrics } from '../../observability/metrics.js';
import type { PersonaCatalog } from '../../personas/persona-catalog.js';
import {
  sameHistory,
  type CachedConversation,
  type ConversationCache,
} from '../conversation-cache.js';
import type { ReplyRegistry } from '../reply/registry.js';
import type { ReplyRun } from '../reply/run.js';
import type { Admission } from './admit.js';
import type { ReplyLauncher } from './run-reply.js';
import {
  newPairIds,
  replyTarget,
  sameTarget,
  withPrompt,
  type Admitted,
  type PairIds,
  type ReplyTarget,
  type SendInput,
} from './types.js';

export interface SpeculationOptions {
  /** Off: no send asks Claude before its pair is committed. */
  enabled: boolean;
  admission: Admission;
  registry: ReplyRegistry;
  conversations: ConversationCache;
  launcher: ReplyLauncher;
  personas: PersonaCatalog;
  metrics: Metrics;
}

/**
 * Stage "speculate": asks Claude right away with the conversation as this process last saw it (its
 * own sends and replies), so the database reads are off the path to the first token. Undefined
 * when there is nothing to go on, or the breaker says no (the usual path then reports it, after
 * checking the session).
 */
export function speculate(
  options: SpeculationOptions,
  input: SendInput,
): SpeculativeReply | undefined {
  if (!options.enabled) return undefined;
  const known = options.conversations.get(input.sessionId, input.userId);
  if (!known || options.registry.isGenerating(input.sessionId)) return undefined;
  // A message after a given one (an edit, a reply continued) is not what the cache can foresee,
  // nor the bytes of files, sent now or before.
  if (input.parentId !== undefined || input.attachmentIds?.length) return undefined;
  if (known.history.some((turn) => turn.attachment_ids?.length)) return undefined;
  // A retry finds its stored pair: asking Claude for it would be a wasted call.
  if (input.clientMessageId && known.clientMessageIds.includes(input.clientMessageId)) {
    return undefined;
  }
  // Only what this process knows at once: a budget or a rate limit that needs asking waits for the send.
  const admitted = options.admission.admitNow(input);
  if (!admitted) return undefined;
  let permit: BreakerPermit;
  try {
    permit = options.admission.permit();
  } catch {
    return undefined;
  }
  return new SpeculativeReply(options, input, known, admitted, permit);
}

/**
 * A reply asked for before the send's reads came back. It owns its breaker permit and its run; the
 * run stays unseen and unregistered until `confirm()` hands it the insert of its pair, or is ended
 * by `cancel()` before its first byte reaches anyone. Whichever comes first wins; both are idempotent.
 */
export class SpeculativeReply {
  /** The ids its pair must be stored under: the run already writes to that reply. */
  readonly ids: PairIds = newPairIds();
  /** What Claude was asked and who pays, as admission and the personas said before the reads. */
  readonly target: ReplyTarget;
  private readonly assumed: { history: StoredTurn[]; leafId: string | null };
  private readonly run: ReplyRun;
  private settleStored!: (stored: Promise<unknown>) => void;
  private state: 'pending' | 'confirmed' | 'cancelled' = 'pending';

  constructor(
    private readonly options: SpeculationOptions,
    private readonly input: SendInput,
    known: CachedConversation,
    admitted: Admitted,
    private readonly permit: BreakerPermit,
  ) {
    const session = {
      id: input.sessionId,
      user_id: input.userId,
      mode: known.mode,
      system_prompt: known.sessionPrompt,
    };
    this.target = replyTarget(session, admitted, options.personas, input.clientMessageId);
    this.assumed = { history: known.history, leafId: known.leafId };
    const stored = new Promise<unknown>((resolve) => (this.settleStored = resolve));
    this.run = options.launcher.launch({
      target: this.target,
      messageId: this.ids.assistant,
      permit,
      history: withPrompt(known.history, input.content),
      stored,
      remember: true,
    });
  }

  /**
   * Whether the send, as read and admitted in full, is what the call assumed: the same leaf (two
   * branches may hold the same text, and another instance may have switched branch), the same
   * history, and the same target (a budget may have run out, a persona been edited meanwhile).
   */
  matches(target: ReplyTarget, history: readonly StoredTurn[], leafId: string | null): boolean {
    return (
      this.assumed.leafId === leafId &&
      sameTarget(this.target, target) &&
      sameHistory(this.assumed.history, history)
    );
  }

  /** The assumption held: the run now waits on `stored` (its pair's insert), and is the send's. */
  confirm(stored: Promise<unknown>): ReplyRun {
    if (this.state === 'cancelled') throw new Error('A cancelled speculative reply was confirmed.');
    if (this.state === 'pending') {
      this.state = 'confirmed';
      this.options.metrics.speculativeStarts.inc({ outcome: 'used' });
      this.settleStored(stored);
    }
    return this.run;
  }

  /** The send went another way (or failed): the call ends unseen, accounted as cancelled. */
  cancel(): void {
    if (this.state !== 'pending') return;
    this.state = 'cancelled';
    // Give the breaker its permit back now, not once the abort has reached Claude: while the
    // circuit half-opens it is the one trial, and the usual path may need it right away.
    this.permit.released();
    this.settleStored(Promise.reject(new Error('the send was not as assumed')));
    this.options.metrics.speculativeStarts.inc({ outcome: 'cancelled' });
    this.options.conversations.delete(this.input.sessionId); // wrong once: learn it again
  }
}
