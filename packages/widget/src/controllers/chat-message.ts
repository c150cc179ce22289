import type { Message } from '@repruv/client-sdk';
import { IncrementalMarkdown } from '../markdown/incremental.js';
import { newClientMessageId } from './storage.js';

/** A message as the transcript shows it: the server's statuses plus the optimistic ones. */
export type ChatMessageStatus = Message['status'] | 'sending' | 'failed';

export interface ChatMessage {
  /** Stable across the optimistic → stored transition, for keyed rendering. */
  key: string;
  id: string | null;
  role: Message['role'];
  content: string;
  status: ChatMessageStatus;
  clientMessageId: string | null;
  errorCode?: string;
  /** When a refused send can succeed again (epoch ms): a budget's reset or a Retry-After. */
  retryAt?: number;
  /** Whose daily budget is spent, for `budget_exceeded`. */
  limitScope?: 'user' | 'site';
  markdown: IncrementalMarkdown;
}

export function createMessage(init: Partial<ChatMessage> & Pick<ChatMessage, 'role'>): ChatMessage {
  return {
    key: init.id ?? init.clientMessageId ?? newClientMessageId(),
    id: null,
    content: '',
    status: 'streaming',
    clientMessageId: null,
    markdown: new IncrementalMarkdown(),
    ...init,
  };
}

/** A stored message of the API as the transcript shows it. */
export function fromServer(message: Message): ChatMessage {
  return createMessage({
    key: message.id,
    id: message.id,
    role: message.role,
    content: message.content,
    status: message.status,
    clientMessageId: message.client_message_id,
  });
}
