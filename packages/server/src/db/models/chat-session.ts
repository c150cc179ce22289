import { Model } from 'objection';

export type SessionStatus = 'active' | 'archived';

export class ChatSession extends Model {
  static override tableName = 'ai_chat_sessions';

  id!: string;
  user_id!: string;
  title!: string;
  /** 'default' ("New Chat"), 'user' (given at creation or by a rename) or 'auto' (made from the first exchange). */
  title_source!: 'default' | 'user' | 'auto';
  context_tags!: string[];
  system_prompt!: string | null;
  /** The site it was opened on (a guest's); null for a host token's. */
  site_id!: string | null;
  mode!: string;
  status!: SessionStatus;
  message_count!: number;
  /** The leaf of the branch shown; null while the session has no messages. */
  current_message_id!: string | null;
  activity_seq!: string | number;
  created_at!: Date;
  updated_at!: Date;
  last_message_at!: Date | null;
}
