import type { Message, Session } from '@repruv/client-sdk';

/** The `detail` of each event `<repruv-chat>` fires; all bubble and cross the shadow root. */
export interface RepruvEventDetails {
  'repruv-ready': { sessionId: string | null };
  'repruv-open': Record<string, never>;
  'repruv-close': Record<string, never>;
  'repruv-message-sent': { content: string; clientMessageId: string };
  'repruv-message-received': { message: Message };
  'repruv-error': { code: string; message: string; error: unknown };
  'repruv-session-created': { session: Session };
}

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
  }
}
