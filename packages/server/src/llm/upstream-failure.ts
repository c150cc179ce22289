import Anthropic from '@anthropic-ai/sdk';

/** Thrown when the upstream stream went quiet for longer than the idle timeout. */
export class UpstreamTimeoutError extends Error {
  constructor(idleMs: number) {
    super(`Claude sent nothing for ${idleMs} ms.`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** Thrown when the upstream stream ended before `message_stop`: the connection was cut. */
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

/** A failure as it was classified where it happened (the SDK's error classes do not cross threads). */
export interface FailureReport {
  name: string;
  message: string;
  outage: boolean;
  retryable: boolean;
  userAbort: boolean;
  description: string;
}

/** A failure classified where it happened (the Claude thread), carried here as plain data. */
export class ClassifiedUpstreamError extends Error {
  readonly outage: boolean;
  readonly retryable: boolean;
  readonly userAbort: boolean;
  readonly description: string;

  constructor(report: FailureReport) {
    super(report.message);
    this.name = report.name;
    this.outage = report.outage;
    this.retryable = report.retryable;
    this.userAbort = report.userAbort;
    this.description = report.description;
  }
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
]);

/** A socket-level failure surfaced by fetch (undici) rather than by the SDK's own error classes. */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return true;
  return error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message);
}

export function isUserAbort(error: unknown): boolean {
  if (error instanceof ClassifiedUpstreamError) return error.userAbort;
  return error instanceof Anthropic.APIUserAbortError || (error as Error)?.name === 'AbortError';
}

function errorType(error: InstanceType<typeof Anthropic.APIError>): string | undefined {
  const direct = (error as { type?: unknown }).type;
  if (typeof direct === 'string') return direct;
  const body = error.error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const type = body?.error?.type ?? body?.type;
  return typeof type === 'string' ? type : undefined;
}

/**
 * Failures that say Claude (or the path to it) is unwell and so count towards opening the
 * circuit: network errors, timeouts, 5xx, 529 and a mid-stream overloaded/api error.
 * A 4xx caused by our request, and a user's abort, say nothing about upstream health.
 */
export function isUpstreamOutage(error: unknown): boolean {
  if (error instanceof ClassifiedUpstreamError) return error.outage;
  if (error instanceof UpstreamTimeoutError || error instanceof UpstreamDisconnectedError)
    return true;
  if (isUserAbort(error)) return false;
  if (isNetworkFailure(error)) return true;
  if (error instanceof Anthropic.APIConnectionError) return true;
  // A socket cut mid-stream surfaces as a bare AnthropicError ("terminated"): a network failure.
  if (error instanceof Anthropic.AnthropicError && !(error instanceof Anthropic.APIError))
    return true;
  if (error instanceof Anthropic.APIError) {
    if (error.status === undefined || error.status === null) {
      const type = errorType(error);
      return type === 'overloaded_error' || type === 'api_error' || type === undefined;
    }
    return error.status >= 500;
  }
  return false;
}

/** Whether the client may reasonably retry the same request later. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ClassifiedUpstreamError) return error.retryable;
  if (isUpstreamOutage(error)) return true;
  return error instanceof Anthropic.APIError && error.status === 429;
}

/** Claude does not know the model it was asked for: a configuration error, not an outage. */
export function isUnknownModel(error: unknown): boolean {
  return (
    error instanceof Anthropic.APIError &&
    (error.status === 404 || errorType(error) === 'not_found_error')
  );
}

/** What the client is told; `model` is the one asked for, named when Claude does not know it. */
export function describeUpstreamFailure(error: unknown, model: string): string {
  if (error instanceof ClassifiedUpstreamError) return error.description;
  if (isUnknownModel(error)) {
    return `Claude does not know the model "${model}": set CLAUDE_MODEL to a current model.`;
  }
  if (error instanceof UpstreamTimeoutError) return 'Claude took too long to answer.';
  if (error instanceof Anthropic.APIConnectionError) return 'Could not reach Claude.';
  if (error instanceof UpstreamDisconnectedError || isNetworkFailure(error)) {
    return 'The connection to Claude was lost.';
  }
  if (error instanceof Anthropic.AnthropicError && !(error instanceof Anthropic.APIError)) {
    return 'The connection to Claude was lost.';
  }
  if (error instanceof Anthropic.APIError) {
    const type = errorType(error);
    if (error.status === 529 || type === 'overloaded_error')
      return 'Claude is overloaded right now.';
    if (error.status === 429 || type === 'rate_limit_error')
      return 'Claude is rate limiting requests.';
    if (error.status !== undefined && error.status >= 400 && error.status < 500)
      return 'Claude rejected the request.';
    return 'Claude failed to answer.';
  }
  return 'Claude failed to answer.';
}
