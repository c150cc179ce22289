/**
 * Redis (REDIS_URL) gave up on a command: ioredis retried it `maxRetriesPerRequest` times while
 * the connection was down. Worth a 503 and a retry, like an unreachable database, not a 500.
 */
export function isRedisUnavailable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'MaxRetriesPerRequestError'
  );
}
