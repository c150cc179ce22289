import type { AttachmentRow } from '../../attachments/attachment-records.js';
import { Model } from 'objection';

export type MessageRole = 'user' | 'assistant';
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'error';

/** A reply's rating, as the tree queries read it beside the message (never written through it). */
export interface MessageFeedback {
  rating: 'up' | 'down';
  comment: string | null;
  tags: string[];
  updated_at: Date | string;
}

export class ChatMessage extends Model {
  static override tableName = 'ai_chat_messages';

  id!: string;
  seq!: string | number;
  session_id!: string;
  /** The message this one follows; null for a root (the first message of a branch). */
  parent_id!: string | null;
  user_id!: string;
  role!: MessageRole;
  content!: string;
  status!: MessageStatus;
  tokens!: number | null;
  latency_ms!: number | null;
  client_message_id!: string | null;
  /** The uploads a user message was sent with, in order; null for none. */
  attachment_ids!: string[] | null;
  reply_to_message_id!: string | null;
  stop_reason!: string | null;
  model!: string | null;
  /** The persona that wrote a reply, and the experiment variant it ran (null: none, or a user message). */
  persona_id!: string | null;
  experiment_id!: string | null;
  variant_id!: string | null;
  /** From the call to Claude to the reply's first text; null before it, or with no text at all. */
  first_token_ms!: number | null;
  owner_instance!: string | null;
  lease_expires_at!: Date | null;
  followed_at!: Date | null;
  created_at!: Date;
  updated_at!: Date;
  /** Filled by the queries that read them (oldest first, itself included); never stored. */
  sibling_ids?: string[];
  feedback?: MessageFeedback | null;
  /** The rows of `attachment_ids`, filled where a message is answered (message-attachments.ts). */
  attachments?: AttachmentRow[];
}
