interface ErrorInit {
  status?: number;
  code?: string;
  requestId?: string;
  details?: unknown;
  retryAfter?: number;
  cause?: unknown;
}

/** Base of every error the SDK throws; branch on the subclass with `instanceof`. */
export class RepruvError extends Error {
  override name = 'RepruvError';
  /** The HTTP status; for an error event inside a stream, the status its code stands for. */
  declare readonly status?: number;
  /** The SPEC error code (`not_found`, …), or `network_error` / `aborted`. */
  declare readonly code: string;
  declare readonly requestId?: string;
  declare readonly details?: unknown;

  constructor(message: string, init: ErrorInit = {}) {
    super(message, init);
    Object.assign(this, init);
  }

  /** The error for a non-2xx response: the class follows the body's `error.code`, else the status. */
  static fromResponse(status: number, body: unknown, headers?: Headers): RepruvError {
    const { error = {}, request_id } = (body ?? {}) as {
      error?: { code?: string; message?: string; details?: unknown };
      request_id?: string;
    };
    const [code, known, Class] = errorTable.find(([c]) => c === error.code) ??
      errorTable.find(([, s]) => s === status) ?? ['unknown', status, RepruvError];
    return new Class(error.message ?? `HTTP ${status}`, {
      status: status || known,
      code: error.code ?? code,
      requestId: request_id ?? headers?.get('x-request-id') ?? undefined,
      details: error.details,
      retryAfter: parseRetryAfter(headers?.get('retry-after')),
    });
  }
}

export class InvalidRequestError extends RepruvError {
  override name = 'InvalidRequestError';
}
export class UnauthorizedError extends RepruvError {
  override name = 'UnauthorizedError';
}
/** The site asks for a proof of work before a guest token (`GET /auth/challenge`, then solve it). */
export class ChallengeRequiredError extends UnauthorizedError {
  override name = 'ChallengeRequiredError';
}
export class ForbiddenError extends RepruvError {
  override name = 'ForbiddenError';
}
export class NotFoundError extends RepruvError {
  override name = 'NotFoundError';
}
export class MethodNotAllowedError extends RepruvError {
  override name = 'MethodNotAllowedError';
}
/** The server waited too long for the request's headers or body. */
export class RequestTimeoutError extends RepruvError {
  override name = 'RequestTimeoutError';
}
export class ConflictError extends RepruvError {
  override name = 'ConflictError';
}
/** Too large for its route; an attachment's `details` name the limit passed and the actual size. */
export class PayloadTooLargeError extends RepruvError {
  override name = 'PayloadTooLargeError';
}
/**
 * 413: the user's stored attachments with this upload would pass their quota. Not a
 * PayloadTooLargeError: a smaller file may not help, deleting older sessions does.
 */
export class QuotaExceededError extends RepruvError {
  override name = 'QuotaExceededError';
  declare readonly details?: { quota_bytes: number; used_bytes: number };
}
/** 415: an upload whose bytes are not a PNG, JPEG, GIF, WebP or plain PDF. */
export class UnsupportedMediaTypeError extends RepruvError {
  override name = 'UnsupportedMediaTypeError';
}
export class RateLimitError extends RepruvError {
  override name = 'RateLimitError';
  /** Seconds to wait, from `Retry-After`. */
  declare readonly retryAfter?: number;
}
/**
 * A daily budget (the user's or the site's) is spent. Not a RateLimitError: it lasts until
 * `details.resets_at`, so it is never retried on its own.
 */
export class BudgetExceededError extends RepruvError {
  override name = 'BudgetExceededError';
  /** Seconds until the budget resets, from `Retry-After`. */
  declare readonly retryAfter?: number;
  /** Whose budget it is, and when it resets (an ISO date, the next UTC midnight). */
  declare readonly details?: { scope: 'user' | 'site'; resets_at: string };
}
export class InternalServerError extends RepruvError {
  override name = 'InternalServerError';
}
export class UpstreamError extends RepruvError {
  override name = 'UpstreamError';
}
/** 503: Claude is out of reach for now (`upstream_unavailable`), or the server is too busy for anonymous guests (`overloaded`). */
export class UpstreamUnavailableError extends RepruvError {
  override name = 'UpstreamUnavailableError';
  /** Seconds until it is worth asking again, from `Retry-After`. */
  declare readonly retryAfter?: number;
}
/** The request never got an answer: connection refused or cut, DNS, timeout. */
export class NetworkError extends RepruvError {
  override name = 'NetworkError';
  constructor(message = 'Network error', cause?: unknown) {
    super(message, { code: 'network_error', cause });
  }
}
/** The caller aborted (signal or `.abort()`). */
export class AbortError extends RepruvError {
  override name = 'AbortError';
  constructor() {
    super('Request was aborted', { code: 'aborted' });
  }
}

const errorTable: [string, number, typeof RepruvError][] = [
  ['invalid_request', 400, InvalidRequestError],
  ['unauthorized', 401, UnauthorizedError],
  ['challenge_required', 401, ChallengeRequiredError],
  ['forbidden', 403, ForbiddenError],
  ['not_found', 404, NotFoundError],
  ['method_not_allowed', 405, MethodNotAllowedError],
  ['request_timeout', 408, RequestTimeoutError],
  ['conflict', 409, ConflictError],
  ['payload_too_large', 413, PayloadTooLargeError],
  ['quota_exceeded', 413, QuotaExceededError],
  ['unsupported_media_type', 415, UnsupportedMediaTypeError],
  ['rate_limited', 429, RateLimitError],
  ['budget_exceeded', 429, BudgetExceededError],
  ['internal', 500, InternalServerError],
  ['upstream_error', 502, UpstreamError],
  ['upstream_unavailable', 503, UpstreamUnavailableError],
  // The server too busy for anonymous guests: the same wait-and-retry, so the same class.
  ['overloaded', 503, UpstreamUnavailableError],
];

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = isNaN(+value) ? Math.max(0, (Date.parse(value) - Date.now()) / 1000) : +value;
  return isNaN(seconds) ? undefined : seconds;
}
