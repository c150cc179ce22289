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
