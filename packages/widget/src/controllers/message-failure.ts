import { RepruvError } from '@repruv/client-sdk';
import type { ChatMessage } from './chat-message.js';

/** What a message's status line needs to know about why it failed. */
export type MessageFailure = Pick<ChatMessage, 'errorCode' | 'retryAt' | 'limitScope'>;

/**
 * Reads an SDK error: its code, when the refusal ends (a budget's `details.resets_at`, else
 * `Retry-After` counted from `now`) and whose budget is spent.
 */
export function messageFailure(error: unknown, now = Date.now()): MessageFailure {
  if (!(error instanceof RepruvError)) return { errorCode: 'internal' };
  const failure: MessageFailure = { errorCode: error.code };
  const details = (error.details ?? {}) as { scope?: unknown; resets_at?: unknown };
  const resetsAt = typeof details.resets_at === 'string' ? Date.parse(details.resets_at) : NaN;
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  if (!Number.isNaN(resetsAt)) failure.retryAt = resetsAt;
  else if (typeof retryAfter === 'number') failure.retryAt = now + retryAfter * 1000;
  if (details.scope === 'user' || details.scope === 'site') failure.limitScope = details.scope;
  return failure;
}
