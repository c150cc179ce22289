import type { ChatMessage, ChatSession } from '../db/models/index.js';

/** The API's Session object (SPEC "Objects"). */
export interface SessionDto {
  id: string;
  title: string;
  mode: string;
  status: 'active' | 'archived';
  context_tags: string[];
  message_count: number;
  created_at: string;
  updated_at: string;
  last_message_at: string | null;
}

/** The API's Message object (SPEC "Objects"). */
export interface MessageDto {
  id: string;
  session_id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'complete' | 'streaming' | 'stopped' | 'error';
  tokens: number | null;
  latency_ms: number | null;
  client_message_id: string | null;
  created_at: string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

export function toSessionDto(session: ChatSession): SessionDto {
  return {
    id: session.id,
    title: session.title,
    mode: session.mode,
    status: session.status,
    context_tags: session.context_tags ?? [],
    message_count: Number(session.message_count),
    created_at: iso(session.created_at),
    updated_at: iso(session.updated_at),
    last_message_at: session.last_message_at ? iso(session.last_message_at) : null,
  };
}

export function toMessageDto(message: ChatMessage): MessageDto {
  return {
    id: message.id,
    session_id: message.session_id,
    role: message.role,
    content: message.content,
    status: message.status,
    tokens: message.tokens ?? null,
    latency_ms: message.latency_ms ?? null,
    client_message_id: message.client_message_id ?? null,
    created_at: iso(message.created_at),
  };
}
