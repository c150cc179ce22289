/**
 * Every object the API sends or takes. The objects are generated from docs/openapi.yaml
 * (src/generated/openapi.ts, `npm run generate:api-types`), so the SDK cannot drift from the contract;
 * the call parameters below are the SDK's own camelCase shapes.
 */
import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

export type Session = Schemas['Session'];
export type Message = Schemas['Message'];
export type SessionStatus = Session['status'];
export type MessageRole = Message['role'];
export type MessageStatus = Message['status'];
export type ErrorCode = Schemas['ErrorCode'];
export type SessionPage = Schemas['SessionPage'];
export type MessagePage = Schemas['MessagePage'];
/** One session found by `client.search`: its best-matching message (null: only the title matched). */
export type SearchHit = Schemas['SearchHit'];
export type SearchPage = Schemas['SearchPage'];
/** The body of `sessions.export(id, { format: 'json' })`. */
export type SessionExport = Schemas['SessionExport'];
export type SendResult = Schemas['SendResult'];
export type GuestToken = Schemas['GuestToken'];
/** A person's rating of a reply (`Message.feedback`). */
export type Feedback = Schemas['Feedback'];
export type FeedbackRating = Feedback['rating'];
/** A stored upload (`POST /chat/attachments`), and each of `Message.attachments`. */
export type Attachment = Schemas['Attachment'];
export type AttachmentKind = Attachment['kind'];
/** `original`: the stored bytes; `thumbnail`: an image's 256 px WebP (a PDF has none). */
export type AttachmentVariant = NonNullable<
  NonNullable<operations['getAttachment']['parameters']['query']>['variant']
>;
/** The JSON body of every error response. */
export type ErrorBody = Schemas['Error'];
export type ErrorDetail = ErrorBody['error'];

export interface SessionCreateParams {
  title?: string;
  mode?: string;
}

export interface SessionUpdateParams {
  title?: string;
  status?: SessionStatus;
}

export interface SessionForkParams {
  /** The last message to copy: a reply of the session that is not streaming. */
  messageId: string;
  /** The new session's title; the source session's when absent. */
  title?: string;
}

/** `status` and `mode` narrow the list; iterating the pages keeps them. */
export type SessionListParams = NonNullable<operations['listSessions']['parameters']['query']>;

/**
 * `q`: words (the last also a prefix), `"a phrase"`, `-word` to leave out; at most 200 characters.
 * `from` (inclusive) and `to` (exclusive) bound the matching message's time.
 */
export interface SearchParams extends Omit<
  operations['searchSessions']['parameters']['query'],
  'from' | 'to'
> {
  from?: Date | string;
  to?: Date | string;
}

type ExportQuery = NonNullable<operations['exportSession']['parameters']['query']>;
export type ExportFormat = NonNullable<ExportQuery['format']>;

export interface SessionExportOptions extends ExportQuery, RequestOptions {
  /**
   * `file`: a File (a Blob with the server's file name). `stream`: a `SessionDownload`. Absent:
   * a File where `document` exists (a browser), else the body's `ReadableStream`.
   */
  as?: 'file' | 'stream';
}

/** An export as it arrives, for Node, Deno or Bun to pipe where it goes. */
export interface SessionDownload {
  /** The server's file name (`Content-Disposition`), e.g. `Launch ideas.md`. */
  filename: string;
  /** e.g. `text/markdown; charset=utf-8`, `application/pdf`. */
  contentType: string;
  stream: ReadableStream<Uint8Array>;
}

export interface MessageListParams {
  limit?: number;
  before?: string;
  /** Reads the branch through this message instead of the current one, without switching. */
  leaf?: string;
}

export interface MessageSendParams {
  sessionId: string;
  /** The text; it may be `''` or absent when `attachmentIds` names a file. */
  content?: string;
  /** Uploads (`client.attachments.upload`) to send with it, in this order: at most 10, each sent once. */
  attachmentIds?: string[];
  /** Makes a retried send safe: the server never stores a second message for it. Generated when absent. */
  clientMessageId?: string;
  /**
   * Where the message goes in the tree. Absent: after the current leaf. A reply's id: after that
   * reply. `null`: a new first message. Editing a message is sending its new text with the edited
   * message's `parent_id`.
   */
  parentId?: string | null;
}

export interface MessageStreamParams extends MessageSendParams {
  signal?: AbortSignal;
}

export interface MessageRegenerateParams {
  /** Makes a retried regenerate safe: it returns the same new reply. Generated when absent. */
  clientMessageId?: string;
  /** Stream the new reply (`ChatStream`) instead of waiting for it. */
  stream?: boolean;
  signal?: AbortSignal;
}

/** The body of `PUT /chat/messages/{id}/feedback`: it replaces any feedback given before. */
export type FeedbackParams = Schemas['FeedbackRequest'];

export interface MessageResumeParams {
  /** The `id` of the last event seen: the server replays only what came after it. */
  lastEventId?: string;
  signal?: AbortSignal;
}

/** How much of an upload's body has been sent, in bytes. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface AttachmentUploadOptions {
  /** The file name the server keeps; a File's own name when absent, else `upload`. */
  name?: string;
  /**
   * Called as the upload goes. In a browser, as XMLHttpRequest reports the request body sent;
   * elsewhere (fetch), once at `{loaded: 0}` and once at `{loaded: total}` when stored.
   */
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface AttachmentGetOptions {
  /** Default `original`. */
  variant?: AttachmentVariant;
  signal?: AbortSignal;
}

/** Per-call options of the non-streaming methods. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

// Stream events: the `data` of each SSE event (OpenAPI `Message*Event`), and the typed events
// a ChatStream yields: that data plus `type` (the SSE event name without `message.`) and the SSE `id`.

export type MessageCreatedData = Schemas['MessageCreatedEvent'];
export type MessageDeltaData = Schemas['MessageDeltaEvent'];
export type MessageCompletedData = Schemas['MessageCompletedEvent'];
/** `message`: the assistant message (status `error`, partial text kept), or null if it could not be stored. */
export type StreamErrorData = Schemas['StreamErrorEvent'];

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
