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
