export { RepruvClient, type ClientOptions, type GuestClientOptions } from './client.js';
export {
  AbortError,
  BudgetExceededError,
  ChallengeRequiredError,
  ConflictError,
  ForbiddenError,
  InternalServerError,
  InvalidRequestError,
  MethodNotAllowedError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  QuotaExceededError,
  RateLimitError,
  RepruvError,
  RequestTimeoutError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  UpstreamError,
  UpstreamUnavailableError,
} from './core/errors.js';
export type { Challenge } from './challenge.js';
export type { ChallengeSolver, GuestIdentity, TokenStorage } from './core/guest-token.js';
export type { Fetch } from './core/http.js';
export type {
  MessageHistoryPage,
  Page,
  PagePromise,
  SessionCursorPage,
} from './core/pagination.js';
export { SSEDecoder, type ServerSentEvent } from './core/sse.js';
export { ChatStream } from './lib/chat-stream.js';
export type { Attachments } from './resources/attachments.js';
export type { Messages } from './resources/messages.js';
export type { Sessions } from './resources/sessions.js';
export type {
  Attachment,
  AttachmentGetOptions,
  AttachmentKind,
  AttachmentUploadOptions,
  AttachmentVariant,
  ChatStreamEvent,
  CompletedEvent,
  CreatedEvent,
  DeltaEvent,
  ErrorBody,
  ErrorCode,
  ErrorDetail,
  Feedback,
  FeedbackParams,
  FeedbackRating,
  GuestToken,
  Message,
  MessageCompletedData,
  MessageCreatedData,
  MessageDeltaData,
  MessageListParams,
  MessagePage,
  MessageRegenerateParams,
  MessageResumeParams,
  MessageRole,
  MessageSendParams,
  MessageStatus,
  MessageStreamParams,
  RequestOptions,
  SendResult,
  Session,
  SessionCreateParams,
  SessionForkParams,
  SessionListParams,
  SessionPage,
  SessionStatus,
  SessionUpdateParams,
  StreamErrorData,
  StreamErrorEvent,
  UploadProgress,
} from './types.js';
