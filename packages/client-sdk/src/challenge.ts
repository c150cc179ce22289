/**
 * `@repruv/client-sdk/challenge`: the solver of the proof of work a site may ask for before a
 * guest token (`GET /auth/challenge`). It lives apart from the core so that pages of sites
 * without a challenge never download it.
 *
 * For the widget (and anyone running it in a Web Worker): `solveChallenge` is self-contained.
 * It uses no import, no module-level binding and no helper outside its own body, only globals
 * that browsers, workers, Node 20, Deno and Bun all have (`crypto.subtle`, `TextEncoder`,
 * `btoa`, `setTimeout`). So its source text is a complete function, and a worker can be built
 * from it even after bundling and minifying:
 *
 *   const source = `const solve = ${solveChallenge};
 *     onmessage = (e) => solve(e.data).then((s) => postMessage({ s }), (e) => postMessage({ e: String(e) }));`;
 *   new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
 *
 * In a worker, stop it with `worker.terminate()`; on the main thread, pass `signal`: the search
 * yields to the event loop every few thousand tries, so the page stays responsive and an abort
 * is honoured within milliseconds.
 */

/** A challenge as `GET /auth/challenge` sends it (altcha's classic proof of work). */
export interface Challenge {
  /** The hash, `SHA-256`. */
  algorithm: string;
  /** The hex digest of `salt + number` for the secret number. */
  challenge: string;
  /** The number lies in `0..maxnumber`. */
  maxnumber: number;
  salt: string;
  signature: string;
}

export interface SolveOptions {
  /** Aborts the search: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Finds `number` in `0..maxnumber` with hex(hash(salt + number)) === challenge, and resolves
 * with the `challenge_solution` that `POST /auth/guest` takes: base64 of the JSON
 * `{algorithm, challenge, number, salt, signature}`. Rejects if no number matches.
 */
export async function solveChallenge(
  challenge: Challenge,
  { signal }: SolveOptions = {},
): Promise<string> {
  const { algorithm, challenge: target, maxnumber, salt, signature } = challenge;
  const encoder = new TextEncoder();
  const expected = target.toLowerCase();
  const TRIES_PER_SLICE = 5000;
  for (let number = 0; number <= maxnumber; number++) {
    if (number % TRIES_PER_SLICE === 0) {
      signal?.throwIfAborted();
      if (number) await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
    }
    const digest = new Uint8Array(
      await globalThis.crypto.subtle.digest(algorithm, encoder.encode(salt + number)),
    );
    let hex = '';
    for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
    if (hex === expected) {
      return btoa(JSON.stringify({ algorithm, challenge: target, number, salt, signature }));
    }
  }
  throw new Error(`No number up to ${maxnumber} solves the challenge`);
}
