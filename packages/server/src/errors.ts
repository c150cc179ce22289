import type { components } from './generated/openapi.js';

/** The error tree of the API: each subclass carries the SPEC error code and HTTP status. */
export type ErrorCode = components['schemas']['ErrorCode'];

export class AppError extends Error {
  readonly headers: Record<string, string> = {};
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    // A client's mistake is answered, not debugged: no stack to capture, so refusals stay cheap.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = new.target.name;
  }
}

export class InvalidRequestError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_request', 400, message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid bearer token is required.') {
    super('unauthorized', 401, message);
    this.headers['WWW-Authenticate'] = 'Bearer';
  }
}

/** The console's API: no operator is signed in (a cookie, not a bearer token, is what it needs). */
export class OperatorUnauthorizedError extends AppError {
  constructor(message = 'Sign in to the console first (POST /api/v1/admin/session).') {
    super('unauthorized', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', 404, `${what} not found.`);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(allowed: string[]) {
    super('method_not_allowed', 405, `This path answers ${allowed.join(', ')} only.`);
    this.headers['Allow'] = allowed.join(', ');
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload_too_large', 413, `The request body is larger than ${limitBytes} bytes.`);
  }
}

/** An attachment over its kind's size, pixel or page limit (the JSON body limit is the class above). */
export class FileTooLargeError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super('payload_too_large', 413, message, details);
  }
}

/** The user's stored attachments would pass ATTACHMENTS_QUOTA_BYTES. */
export class QuotaExceededError extends AppError {
  constructor(quotaBytes: number, usedBytes: number) {
    super(
      'quota_exceeded',
      413,
      `Your stored files would pass your ${formatBytes(quotaBytes)} quota (${formatBytes(usedBytes)} used); delete a conversation to make room.`,
      { quota_bytes: quotaBytes, used_bytes: usedBytes },
    );
  }
}

/** An upload whose bytes are not a PNG, JPEG, GIF, WebP or plain PDF. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(
    message = "That file type isn't supported; send a PNG, JPEG, GIF, WebP or PDF.",
    details?: Record<string, unknown>,
  ) {
    super('unsupported_media_type', 415, message, details);
  }
}

/** Bytes as people read them: "12.4 MB" (decimal megabytes, as the limits are written). */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 100) / 10} KB`;
  return `${Math.round(bytes / 100_000) / 10} MB`;
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many messages; slow down and retry later.',
  ) {
    super('rate_limited', 429, message);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/** A site that asks for proof of work got a guest-token request without a valid, unused solution. */
export class ChallengeRequiredError extends AppError {
  constructor(message = 'Solve a challenge from GET /auth/challenge first.') {
    super('challenge_required', 401, message);
  }
}

/** A user's or a site's spend for the day is used up; `Retry-After` is the next UTC midnight. */
export class BudgetExceededError extends AppError {
  constructor(
    readonly scope: 'user' | 'site',
    readonly resetsAt: Date,
  ) {
    const whose = scope === 'user' ? 'Your daily usage' : "This site's daily budget";
    super('budget_exceeded', 429, `${whose} is used up; it resets at ${resetsAt.toISOString()}.`, {
      scope,
      resets_at: resetsAt.toISOString(),
    });
    this.headers['Retry-After'] = String(
      Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000)),
    );
  }
}

/** The request's headers or body did not arrive in time (slow or stalled client). */
export class RequestTimeoutError extends AppError {
  constructor(what: 'headers' | 'body') {
    super('request_timeout', 408, `The request ${what} did not arrive in time.`);
  }
}

export class UpstreamError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('upstream_error', 502, message, details);
  }
}

export class UpstreamUnavailableError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'The assistant is temporarily unavailable; retry later.',
  ) {
    super('upstream_unavailable', 503, message);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/** This process is too busy for anonymous guests right now (limits/server-pressure.ts). */
export class OverloadedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('overloaded', 503, 'The assistant is very busy right now; retry in a moment.');
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/** A dependency of ours (the database) is briefly out of reach: retry shortly. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super('upstream_unavailable', 503, message);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

export class InternalError extends AppError {
  constructor() {
    super('internal', 500, 'Something went wrong on our side.');
  }
}
