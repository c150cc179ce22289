import type { Feedback, Message, Session } from '@repruv/client-sdk';
import type { Attachment } from './controllers/chat-message.js';

/** The `detail` of each event `<repruv-chat>` fires; all bubble and cross the shadow root. */
export interface RepruvEventDetails {
  'repruv-ready': { sessionId: string | null };
  'repruv-open': Record<string, never>;
  'repruv-close': Record<string, never>;
  'repruv-message-sent': { content: string; clientMessageId: string };
  'repruv-message-received': { message: Message };
  'repruv-error': { code: string; message: string; error: unknown };
  'repruv-session-created': { session: Session };
  /** A reply was rated (`rating` null: the rating was taken back), or a down vote explained. */
  'repruv-feedback': {
    messageId: string;
    rating: Feedback['rating'] | null;
    comment?: string | null;
    tags?: string[];
  };
  /**
   * The branch shown changed: another version shown with "‹ 2 / 3 ›", or a new one made by an
   * edit or a regenerate (once the server has stored it). `messageId` is the version now
   * shown, `leafId` the last message of its branch.
   */
  'repruv-branch-change': { sessionId: string; messageId: string; leafId: string };
  /**
   * The conversation shown is another session: a fork, a new one started, or one opened from
   * the conversations drawer. `sessionId` is `session.id`.
   */
  'repruv-session-change': { session: Session; sessionId: string; reason: SessionChangeReason };
  /** A file attached in the composer is uploaded, ready to be sent. */
  'repruv-attachment-added': Attachment;
}

/** Why another session is shown: `fork`, `new` (its first message), `open` (from the drawer). */
export type SessionChangeReason = 'fork' | 'new' | 'open';

export type RepruvEventName = keyof RepruvEventDetails;

export type RepruvEvent<K extends RepruvEventName> = CustomEvent<RepruvEventDetails[K]>;

/** The one way the widget fires events: typed, prefixed, bubbling and composed. */
export function emit<K extends RepruvEventName>(
  target: EventTarget,
  name: K,
  detail: RepruvEventDetails[K],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'repruv-ready': RepruvEvent<'repruv-ready'>;
    'repruv-open': RepruvEvent<'repruv-open'>;
    'repruv-close': RepruvEvent<'repruv-close'>;
    'repruv-message-sent': RepruvEvent<'repruv-message-sent'>;
    'repruv-message-received': RepruvEvent<'repruv-message-received'>;
    'repruv-error': RepruvEvent<'repruv-error'>;
    'repruv-session-created': RepruvEvent<'repruv-session-created'>;
    'repruv-feedback': RepruvEvent<'repruv-feedback'>;
    'repruv-branch-change': RepruvEvent<'repruv-branch-change'>;
    'repruv-session-change': RepruvEvent<'repruv-session-change'>;
    'repruv-attachment-added': RepruvEvent<'repruv-attachment-added'>;
  }
}
