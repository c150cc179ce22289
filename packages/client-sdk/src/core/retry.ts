import { AbortError } from './errors.js';

/** Exponential backoff with jitter, 0.5 s doubling up to 8 s; a server's `Retry-After` of up to a minute wins. */
export function retryDelay(attempt: number, retryAfter?: number): number {
  if (retryAfter !== undefined && retryAfter >= 0 && retryAfter <= 60) return retryAfter * 1000;
  return Math.min(500 * 2 ** attempt, 8000) * (0.75 + Math.random() / 4);
}

/** `promise`, or a rejection with `AbortError` as soon as `signal` aborts, whichever comes first. */
export function abortable<T>(promise: T | Promise<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError());
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise)
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Waits `ms`, or rejects with `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return abortable(
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    signal,
  ).finally(() => clearTimeout(timer));
}
