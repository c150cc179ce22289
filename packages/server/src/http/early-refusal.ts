import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppError } from '../errors.js';
import { pauseBeforeRefusal } from '../limits/refusal-pause.js';
import { EXPOSED_HEADERS, type OriginCheck } from './middleware/cors.js';
import { requestIdFor } from './middleware/request-id.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';

/**
 * Answers a flood's request with `error` before the app has seen it, after the refusal pause
 * (limits/refusal-pause.ts): the same JSON error, request id, security headers and CORS as the app
 * would have answered with, at the cost of little more than parsing the request's headers.
 */
export async function refuseEarly(
  request: IncomingMessage,
  response: ServerResponse,
  error: AppError,
  isAllowedOrigin: OriginCheck,
): Promise<void> {
  const origin = request.headers.origin;
  const [readable] = await Promise.all([
    origin ? isAllowedOrigin(origin).catch(() => false) : false,
    pauseBeforeRefusal(),
  ]);
  if (response.destroyed) return;
  const requestId = requestIdFor(request.headers['x-request-id'] as string | undefined);
  const body = JSON.stringify({
    error: { code: error.code, message: error.message },
    request_id: requestId,
  });
  response.writeHead(error.status, {
    ...SECURITY_HEADERS,
    ...error.headers,
    'X-Request-Id': requestId,
    Vary: 'Origin',
    ...(readable
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS }
      : {}),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
