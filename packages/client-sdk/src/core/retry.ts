import { AbortError } from './errors.js';

/** Exponential backoff with jitter, 0.5 s doubling up to 8 s; a server's `Retry-After` of up to a minute wins. */
export function retryDelay(attempt: number, retryAfter?: number): number {
  if (retryAfter !== undefined && retryAfter >= 0 && retryAfter <= 60) return retryAfter * 1000;
  return Math.min(500 * 2 ** attempt, 8000) * (0.75 + Math.random() / 4);
}

/** Waits `ms`, or rejects with `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
