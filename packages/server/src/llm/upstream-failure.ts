import Anthropic from '@anthropic-ai/sdk';
import type { ErrorCode } from '../errors.js';

/**
 * Every way a call to Claude can fail, classified once (`toUpstreamFailure`) where it was thrown.
 * The failure then carries what it is, as the Anthropic SDK's and vercel/ai's errors do, so that
 * the breaker, the client's error event and the log all read the same answer, on either thread.
 */
export type UpstreamFailureKind =
  /** Our own signal ended the call (a stop, a disconnect, a shutdown). */
  | 'aborted'
  /** Claude sent nothing for longer than the idle timeout. */
  | 'idle_timeout'
  /** The stream ended before `message_stop`, or the socket was cut while it ran. */
  | 'disconnected'
  /** The SDK could not reach Claude at all. */
  | 'unreachable'
  | 'overloaded'
  | 'rate_limited'
  /** `not_found_error`: CLAUDE_MODEL names a model Claude does not know, a configuration error. */
  | 'unknown_model'
  /** Any other 4xx: Claude refused our request. */
  | 'rejected'
  /** A 5xx, or a mid-stream `api_error`. */
  | 'server_error'
  /** The Claude thread died with the call on it. */
  | 'thread_ended'
  | 'unexpected';

/** A failure as plain data: what crosses the thread boundary and rebuilds the same failure. */
export interface UpstreamFailureData {
  kind: UpstreamFailureKind;
  /** The SPEC error code the client sees. */
  code: ErrorCode;
  /** The name of what was thrown and its message, for the log (they may echo upstream text). */
  name: string;
  message: string;
  /** What the client is told. */
  clientMessage: string;
  /** Whether the client may reasonably send the same request again later. */
  retryable: boolean;
  /** Whether it says Claude (or the way to it) is unwell: it counts towards opening the breaker. */
  outage: boolean;
  /** Claude's HTTP status, when it answered with one. */
  status: number | null;
}

export class UpstreamFailure extends Error {
  readonly kind: UpstreamFailureKind;
  readonly code: ErrorCode;
  readonly clientMessage: string;
  readonly retryable: boolean;
  readonly outage: boolean;
  readonly status: number | null;

  constructor(data: UpstreamFailureData, options?: { cause?: unknown }) {
    super(data.message, options);
    // The thrown error's name, so a log line reads the same on either thread.
    this.name = data.name;
    this.kind = data.kind;
    this.code = data.code;
    this.clientMessage = data.clientMessage;
    this.retryable = data.retryable;
    this.outage = data.outage;
    this.status = data.status;
  }

  get endedByUs(): boolean {
    return this.kind === 'aborted';
  }

  toJSON(): UpstreamFailureData {
    return {
      kind: this.kind,
      code: this.code,
      name: this.name,
      message: this.message,
      clientMessage: this.clientMessage,
      retryable: this.retryable,
      outage: this.outage,
      status: this.status,
    };
  }
}

/** Thrown by the generator when the upstream stream went quiet for longer than the idle timeout. */
export class UpstreamTimeoutError extends Error {
  constructor(idleMs: number) {
    super(`Claude sent nothing for ${idleMs} ms.`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** Thrown by the generator when the stream ended before `message_stop`: the connection was cut. */
export class UpstreamDisconnectedError extends Error {
  constructor() {
    super('The connection to Claude closed before the reply ended.');
    this.name = 'UpstreamDisconnectedError';
  }
}

/** Thrown when our own signal (a stop, a shutdown) ended the call. */
export class UserAbortError extends Error {
  constructor() {
    super('The reply was stopped.');
    this.name = 'AbortError';
  }
}

/** Thrown for the calls still on the Claude thread when it ends. */
export class ClaudeThreadEndedError extends Error {
  constructor() {
    super('The Claude thread ended.');
    this.name = 'ClaudeThreadEnded';
  }
}

/**
 * The one classification: whatever a generator, the SDK or the socket under it threw, as an
 * UpstreamFailure (one already classified comes back as it is). `model` is the one asked for,
 * named to the client when Claude does not know it.
 */
export function toUpstreamFailure(error: unknown, model: string): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  const { kind, status, outage, retryable } = classify(error);
  return new UpstreamFailure(
    {
      kind,
      code: 'upstream_error',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      clientMessage: clientMessage(kind, model),
      retryable,
      outage,
      status,
    },
    { cause: error },
  );
}

/** What the client is told about a failure of any shape (see `toUpstreamFailure`). */
export function describeUpstreamFailure(error: unknown, model: string): string {
  return toUpstreamFailure(error, model).clientMessage;
}

/** Whether the client may retry after a failure of any shape (see `toUpstreamFailure`). */
export function isRetryable(error: unknown): boolean {
  return toUpstreamFailure(error, '').retryable;
}

interface Traits {
  kind: UpstreamFailureKind;
  status: number | null;
  outage: boolean;
  retryable: boolean;
}

const OUTAGE = { outage: true, retryable: true, status: null } as const;
const NOT_OUTAGE = { outage: false, retryable: false, status: null } as const;

function classify(error: unknown): Traits {
  if (error instanceof UpstreamTimeoutError) return { kind: 'idle_timeout', ...OUTAGE };
  if (error instanceof UpstreamDisconnectedError) return { kind: 'disconnected', ...OUTAGE };
  if (error instanceof ClaudeThreadEndedError) return { kind: 'thread_ended', ...OUTAGE };
  if (error instanceof Anthropic.APIUserAbortError || (error as Error)?.name === 'AbortError')
    return { kind: 'aborted', ...NOT_OUTAGE };
  if (error instanceof Anthropic.APIConnectionError) return { kind: 'unreachable', ...OUTAGE };
  if (error instanceof Anthropic.APIError) return classifyApiError(error);
  if (isNetworkFailure(error)) return { kind: 'disconnected', ...OUTAGE };
  // A socket cut mid-stream surfaces as a bare AnthropicError ("terminated"): a network failure.
  if (error instanceof Anthropic.AnthropicError) return { kind: 'disconnected', ...OUTAGE };
  return { kind: 'unexpected', ...NOT_OUTAGE };
}

/**
 * An answer from Claude: an HTTP error status, or (status-less) an `error` event mid-stream. Only
 * what says Claude is unwell is an outage (5xx, 529, a mid-stream overloaded/api error); a 4xx
 * caused by our request says nothing about upstream health. A 429 is worth a retry all the same.
 */
function classifyApiError(error: InstanceType<typeof Anthropic.APIError>): Traits {
  const status = typeof error.status === 'number' ? error.status : null;
  const type = errorType(error);
  const outage =
    status === null
      ? type === 'overloaded_error' || type === 'api_error' || type === undefined
      : status >= 500;
  const traits = { status, outage, retryable: outage || status === 429 };
  if (status === 404 || type === 'not_found_error') return { kind: 'unknown_model', ...traits };
  if (status === 529 || type === 'overloaded_error') return { kind: 'overloaded', ...traits };
  if (status === 429 || type === 'rate_limit_error') return { kind: 'rate_limited', ...traits };
  if (status !== null && status >= 400 && status < 500) return { kind: 'rejected', ...traits };
  return { kind: 'server_error', ...traits };
}

function errorType(error: InstanceType<typeof Anthropic.APIError>): string | undefined {
  const direct = (error as { type?: unknown }).type;
  if (typeof direct === 'string') return direct;
  const body = error.error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const type = body?.error?.type ?? body?.type;
  return typeof type === 'string' ? type : undefined;
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
]);

/** A socket-level failure surfaced by fetch (or node:http) rather than by the SDK's own classes. */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return true;
  return error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message);
}

function clientMessage(kind: UpstreamFailureKind, model: string): string {
  switch (kind) {
    case 'unknown_model':
      return `Claude does not know the model "${model}": set CLAUDE_MODEL (or the site's fallback_model) to a current model.`;
    case 'idle_timeout':
      return 'Claude took too long to answer.';
    case 'unreachable':
      return 'Could not reach Claude.';
    case 'disconnected':
      return 'The connection to Claude was lost.';
    case 'overloaded':
      return 'Claude is overloaded right now.';
    case 'rate_limited':
      return 'Claude is rate limiting requests.';
    case 'rejected':
      return 'Claude rejected the request.';
    default:
      return 'Claude failed to answer.';
  }
}
