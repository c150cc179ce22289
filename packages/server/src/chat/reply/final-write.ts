import { isDatabaseUnavailable } from '../../db/errors.js';

const FINAL_WRITE_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000];

/**
 * A reply's final write must not be lost to a database restart: retried with backoff for ~30 s
 * while the database is unreachable; any other failure, or the last one, is thrown.
 */
export async function retryWhileDatabaseDown<T>(
  write: () => Promise<T>,
  onRetry: (error: unknown) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= FINAL_WRITE_RETRY_DELAYS_MS.length || !isDatabaseUnavailable(error)) {
        throw error;
      }
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, FINAL_WRITE_RETRY_DELAYS_MS[attempt]));
    }
  }
}
