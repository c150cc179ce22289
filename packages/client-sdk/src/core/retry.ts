import { AbortError } from './errors.js';

/** Exponential backoff with jitter, 0.5 s doubling up to 8 s; a server's `Retry-After` wins. */
export function retryDelay(attempt: number, retryAfter = -1): number {
  if (retryAfter >= 0) return retryAfter * 1000;
  return Math.min(500 * 2 ** attempt, 8000) * (0.75 + Math.random() / 4);
}

/** Calls `listener` when `signal` aborts, at once if it already has; returns how to stop listening. */
export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (signal?.aborted) listener();
  signal?.addEventListener('abort', listener);
  return () => signal?.removeEventListener('abort', listener);
}

/** `promise`, or a rejection with `AbortError` as soon as `signal` aborts, whichever comes first. */
export function abortable<T>(promise: T | Promise<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(new AbortError()));
    Promise.resolve(promise).then(resolve, reject).finally(stop);
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
