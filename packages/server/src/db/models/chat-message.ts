import { Model } from 'objection';

export type MessageRole = 'user' | 'assistant';
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'error';

export class ChatMessage extends Model {
  static override tableName = 'ai_chat_messages';

  id!: string;
  seq!: string | number;
  session_id!: string;
  user_id!: string;
  role!: MessageRole;
  content!: string;
  status!: MessageStatus;
  tokens!: number | null;
  latency_ms!: number | null;
  client_message_id!: string | null;
  reply_to_message_id!: string | null;
  stop_reason!: string | null;
  model!: string | null;
  owner_instance!: string | null;
  lease_expires_at!: Date | null;
  followed_at!: Date | null;
  created_at!: Date;
  updated_at!: Date;
}
