import { RateLimitedError } from '../errors.js';

/**
 * How long a refusal of a flood (a shed guest, a guest token over its limits) waits before it is
 * answered. A client that ignores Retry-After would otherwise turn the refusals into a busy loop
 * for the server, since each costs about as much to answer as to ask; a held answer costs a timer.
 */
export const REFUSAL_PAUSE_MS = { shortest: 150, longest: 350 };
/** Beyond this many held at once (a flood that does not wait for answers), refusals go out at once. */
export const MAX_HELD_REFUSALS = 1_000;

let held = 0;

/**
 * Each pause is drawn from the range: refusals that arrived together would otherwise be answered
 * together and come back together, a wave that the signed-in user's request waits behind.
 */
export function refusalPauseMs(random: () => number = Math.random): number {
  const { shortest, longest } = REFUSAL_PAUSE_MS;
  return shortest + random() * (longest - shortest);
}

export async function pauseBeforeRefusal(): Promise<void> {
  if (held >= MAX_HELD_REFUSALS) return;
  held++;
  try {
    await new Promise((resolve) => setTimeout(resolve, refusalPauseMs()));
  } finally {
    held--;
  }
}

/** `work`, with a rate-limit refusal answered only after the pause. */
export async function withPausedRateLimits<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RateLimitedError) await pauseBeforeRefusal();
    throw error;
  }
}
