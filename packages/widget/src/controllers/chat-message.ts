import type { Message } from '@repruv/client-sdk';
import { IncrementalMarkdown } from '../markdown/incremental.js';
import { newClientMessageId } from './storage.js';

/** A message as the transcript shows it: the server's statuses plus the optimistic ones. */
export type ChatMessageStatus = Message['status'] | 'sending' | 'failed';

/** An image or PDF sent with a user message. */
export type Attachment = Message['attachments'][number];

export interface ChatMessage {
  /** Stable across the optimistic → stored transition, for keyed rendering. */
  key: string;
  id: string | null;
  role: Message['role'];
  content: string;
  status: ChatMessageStatus;
  clientMessageId: string | null;
  /**
   * The message this one follows (null: a first message). Undefined on a message typed into
   * the composer until the server has stored it: its send continues the current branch.
   */
  parentId?: string | null;
  /** The ids of the messages with the same parent, itself included, oldest first. */
  siblingIds: string[];
  feedback: Message['feedback'];
  /** The files sent with a user message, in their order. */
  attachments: Attachment[];
  /** The reply a regenerated one replaces, until the server has stored it (for Retry). */
  regenerateOf?: string;
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
    siblingIds: [],
    feedback: null,
    attachments: [],
    markdown: new IncrementalMarkdown(),
    ...init,
  };
}

/** What the server knows of a message that the transcript keeps. */
export function storedFacts(message: Message) {
  return {
    id: message.id,
    parentId: message.parent_id,
    siblingIds: message.sibling_ids,
    feedback: message.feedback,
    clientMessageId: message.client_message_id,
  } satisfies Partial<ChatMessage>;
}

/** A stored message of the API as the transcript shows it. */
export function fromServer(message: Message): ChatMessage {
  return createMessage({
    ...storedFacts(message),
    key: message.id,
    role: message.role,
    content: message.content,
    status: message.status,
    attachments: message.attachments ?? [],
  });
}

/** Where `message` is among its siblings (0-based), a message not stored yet being the last. */
export function siblingIndex(message: ChatMessage): number {
  const index = message.id ? message.siblingIds.indexOf(message.id) : -1;
  return index < 0 ? message.siblingIds.length - 1 : index;
}
