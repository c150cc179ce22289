import type { MessageDto } from '../dto.js';

/** What a client following one reply receives after `message.created`. */
export type ReplyEvent =
  | { type: 'delta'; messageId: string; text: string; offset: number }
  | { type: 'completed'; message: MessageDto }
  | {
      type: 'error';
      error: { code: string; message: string; retryable: boolean };
      message: MessageDto | null;
    };

export function isTerminal(event: ReplyEvent): boolean {
  return event.type !== 'delta';
}

/** The reply's final state could not be written: the lease sweep will mark it. */
export const NOT_SAVED_EVENT: ReplyEvent = {
  type: 'error',
  error: { code: 'internal', message: 'The reply could not be saved.', retryable: true },
  message: null,
};

/** The conversation was deleted while the reply ran. */
export const DELETED_EVENT: ReplyEvent = {
  type: 'error',
  error: { code: 'not_found', message: 'The conversation was deleted.', retryable: false },
  message: null,
};
