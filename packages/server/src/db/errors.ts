/**
 * The constraint a unique violation hit (SQLSTATE 23505), or undefined for any other error.
 * Objection wraps driver errors, so the driver's own error is looked at when present.
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const native = (error as { nativeError?: unknown }).nativeError ?? error;
  const { code, constraint } = native as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return undefined;
  return typeof constraint === 'string' ? constraint : 'unknown';
}

/** A row pointed at one that is not there (SQLSTATE 23503), such as a message deleted meanwhile. */
export function foreignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const native = (error as { nativeError?: unknown }).nativeError ?? error;
  return (native as { code?: unknown }).code === '23503';
}

/** PostgreSQL refused a string it cannot store, such as one with a NUL character (SQLSTATE 22021, 22P05). */
export function unstorableText(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const native = (error as { nativeError?: unknown }).nativeError ?? error;
  const { code } = native as { code?: unknown };
  return code === '22021' || code === '22P05';
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000', // connection_exception
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Timeout acquiring a connection|Client has encountered a connection error|Connection is closed|the database system is (starting up|shutting down|in recovery)/i;

/**
 * The database cannot be reached right now (refused, dropped, shutting down or restarting, pool
 * exhausted): worth a 503 and a retry, unlike a bug. Looks through objection's and knex's wrappers
 * and Node's AggregateError (a connect attempt to several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, name, nativeError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    nativeError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  if (nativeError !== undefined && isDatabaseUnavailable(nativeError, depth + 1)) return true;
  if (cause !== undefined && isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
