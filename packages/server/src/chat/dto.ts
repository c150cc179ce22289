import { toAttachmentDto } from '../attachments/attachment-records.js';
import type { ChatMessage, ChatSession, MessageFeedback } from '../db/models/index.js';
import type { components } from '../generated/openapi.js';

/** The API's Session object (SPEC "Objects"), generated from docs/openapi.yaml. */
export type SessionDto = components['schemas']['Session'];

/** The API's Message object (SPEC "Objects"), generated from docs/openapi.yaml. */
export type MessageDto = components['schemas']['Message'];

export type FeedbackDto = components['schemas']['Feedback'];

const iso = (value: Date | string): string => new Date(value).toISOString();

export function toSessionDto(session: ChatSession): SessionDto {
  return {
    id: session.id,
    title: session.title,
    mode: session.mode,
    status: session.status,
    context_tags: session.context_tags ?? [],
    message_count: Number(session.message_count),
    current_message_id: session.current_message_id ?? null,
    created_at: iso(session.created_at),
    updated_at: iso(session.updated_at),
    last_message_at: session.last_message_at ? iso(session.last_message_at) : null,
  };
}

export function toMessageDto(message: ChatMessage): MessageDto {
  return {
    id: message.id,
    session_id: message.session_id,
    parent_id: message.parent_id ?? null,
    sibling_ids: message.sibling_ids ?? [message.id],
    role: message.role,
    content: message.content,
    status: message.status,
    tokens: message.tokens ?? null,
    latency_ms: message.latency_ms ?? null,
    client_message_id: message.client_message_id ?? null,
    model: message.model ?? null,
    feedback: message.feedback ? feedbackDto(message.feedback) : null,
    attachments: message.attachments?.map(toAttachmentDto) ?? [],
    created_at: iso(message.created_at),
  };
}

function feedbackDto(feedback: MessageFeedback): FeedbackDto {
  return {
    rating: feedback.rating,
    comment: feedback.comment ?? null,
    tags: feedback.tags ?? [],
    updated_at: iso(feedback.updated_at),
  };
}
