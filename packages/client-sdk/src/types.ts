/**
 * Every object the API sends or takes, as in SPEC.md and docs/openapi.yaml.
 * The `*_FIELDS` tables below are checked against the TS types at compile time and
 * against docs/openapi.yaml by test/openapi-types.test.ts, so the three cannot drift.
 */

export type SessionStatus = 'active' | 'archived';
export type MessageRole = 'user' | 'assistant';
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'error';
export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'internal';

export interface Session {
  id: string;
  title: string;
  mode: string;
  status: SessionStatus;
  context_tags: string[];
  message_count: number;
  created_at: string;
  updated_at: string;
  last_message_at: string | null;
}

export interface Message {
  id: string;
  session_id: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  tokens: number | null;
  latency_ms: number | null;
  client_message_id: string | null;
  created_at: string;
}

export interface SessionPage {
  data: Session[];
  next_cursor: string | null;
}

export interface MessagePage {
  data: Message[];
  has_more: boolean;
}

export interface SendResult {
  user_message: Message;
  assistant_message: Message;
}

export interface GuestToken {
  token: string;
  expires_at: string;
}

export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: ErrorDetail;
  request_id: string;
}

export interface SessionCreateParams {
  title?: string;
  mode?: string;
}

export interface SessionUpdateParams {
  title?: string;
  status?: SessionStatus;
}

export interface SessionListParams {
  limit?: number;
  cursor?: string;
}

export interface MessageListParams {
  limit?: number;
  before?: string;
}

export interface MessageSendParams {
  sessionId: string;
  content: string;
  /** Makes a retried send safe: the server never stores a second message for it. Generated when absent. */
  clientMessageId?: string;
}

export interface MessageStreamParams extends MessageSendParams {
  signal?: AbortSignal;
}

export interface MessageResumeParams {
  /** The `id` of the last event seen: the server replays only what came after it. */
  lastEventId?: string;
  signal?: AbortSignal;
}

/** Per-call options of the non-streaming methods. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

// Stream events: the `data` of each SSE event (OpenAPI `Message*Event`), and the typed events
// a ChatStream yields: that data plus `type` (the SSE event name without `message.`) and the SSE `id`.

export type MessageCreatedData = SendResult;

export interface MessageDeltaData {
  message_id: string;
  text: string;
}

export interface MessageCompletedData {
  message: Message;
}

export interface StreamErrorData {
  error: { code: ErrorCode; message: string; retryable: boolean };
  /** The assistant message (status `error`, partial text kept), or null if it could not be stored. */
  message: Message | null;
}

export interface CreatedEvent extends MessageCreatedData {
  type: 'created';
  id: string;
}

export interface DeltaEvent extends MessageDeltaData {
  type: 'delta';
  id: string;
}

export interface CompletedEvent extends MessageCompletedData {
  type: 'completed';
  id: string;
}

export interface StreamErrorEvent extends StreamErrorData {
  type: 'error';
  id: string;
}

export type ChatStreamEvent = CreatedEvent | DeltaEvent | CompletedEvent | StreamErrorEvent;

// ---- field tables, checked against the types above and against docs/openapi.yaml ----

type EnumOf<V> = string extends V ? never : Extract<V, string>;
type FieldSpec<T> = {
  [K in keyof T]-?: { required: object extends Pick<T, K> ? false : true } & ([
    EnumOf<T[K]>,
  ] extends [never]
    ? { properties?: FieldSpec<NonNullable<T[K]>> }
    : { enum: readonly EnumOf<T[K]>[] });
};
/** Fails to compile when an `enum` list misses a member of its union. */
type EnumsComplete<T, S> = {
  [K in keyof T & keyof S]: S[K] extends { enum: readonly (infer E)[] }
    ? [Exclude<EnumOf<T[K]>, E>] extends [never]
      ? true
      : false
    : S[K] extends { properties: infer P }
      ? EnumsComplete<NonNullable<T[K]>, P> extends Record<string, true>
        ? true
        : false
      : true;
};
type Check<T extends Record<string, true>> = T;

const req = { required: true } as const;

export const SESSION_FIELDS = {
  id: req,
  title: req,
  mode: req,
  status: { required: true, enum: ['active', 'archived'] },
  context_tags: req,
  message_count: req,
  created_at: req,
  updated_at: req,
  last_message_at: req,
} as const satisfies FieldSpec<Session>;

export const MESSAGE_FIELDS = {
  id: req,
  session_id: req,
  role: { required: true, enum: ['user', 'assistant'] },
  content: req,
  status: { required: true, enum: ['complete', 'streaming', 'stopped', 'error'] },
  tokens: req,
  latency_ms: req,
  client_message_id: req,
  created_at: req,
} as const satisfies FieldSpec<Message>;

export const SESSION_PAGE_FIELDS = {
  data: req,
  next_cursor: req,
} as const satisfies FieldSpec<SessionPage>;

export const MESSAGE_PAGE_FIELDS = {
  data: req,
  has_more: req,
} as const satisfies FieldSpec<MessagePage>;

export const SEND_RESULT_FIELDS = {
  user_message: req,
  assistant_message: req,
} as const satisfies FieldSpec<SendResult>;

export const GUEST_TOKEN_FIELDS = {
  token: req,
  expires_at: req,
} as const satisfies FieldSpec<GuestToken>;

export const ERROR_FIELDS = {
  error: {
    required: true,
    properties: {
      code: {
        required: true,
        enum: [
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'method_not_allowed',
          'conflict',
          'payload_too_large',
          'rate_limited',
          'upstream_unavailable',
          'upstream_error',
          'internal',
        ],
      },
      message: req,
      details: { required: false },
    },
  },
  request_id: req,
} as const satisfies FieldSpec<ErrorBody>;

export const MESSAGE_DELTA_EVENT_FIELDS = {
  message_id: req,
  text: req,
} as const satisfies FieldSpec<MessageDeltaData>;

export const MESSAGE_COMPLETED_EVENT_FIELDS = {
  message: req,
} as const satisfies FieldSpec<MessageCompletedData>;

export const STREAM_ERROR_EVENT_FIELDS = {
  error: {
    required: true,
    properties: {
      code: { required: true, enum: ERROR_FIELDS.error.properties.code.enum },
      message: req,
      retryable: req,
    },
  },
  message: req,
} as const satisfies FieldSpec<StreamErrorData>;

export type _FieldTablesComplete = [
  Check<EnumsComplete<Session, typeof SESSION_FIELDS>>,
  Check<EnumsComplete<Message, typeof MESSAGE_FIELDS>>,
  Check<EnumsComplete<ErrorBody, typeof ERROR_FIELDS>>,
  Check<EnumsComplete<StreamErrorData, typeof STREAM_ERROR_EVENT_FIELDS>>,
];

/** The OpenAPI component schema each field table describes. */
export const SCHEMA_FIELDS = {
  Session: SESSION_FIELDS,
  Message: MESSAGE_FIELDS,
  SessionPage: SESSION_PAGE_FIELDS,
  MessagePage: MESSAGE_PAGE_FIELDS,
  SendResult: SEND_RESULT_FIELDS,
  GuestToken: GUEST_TOKEN_FIELDS,
  Error: ERROR_FIELDS,
  MessageCreatedEvent: SEND_RESULT_FIELDS,
  MessageDeltaEvent: MESSAGE_DELTA_EVENT_FIELDS,
  MessageCompletedEvent: MESSAGE_COMPLETED_EVENT_FIELDS,
  StreamErrorEvent: STREAM_ERROR_EVENT_FIELDS,
} as const;
