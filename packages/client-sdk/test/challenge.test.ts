import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { minify } from 'terser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { solveChallenge, type Challenge } from '../src/challenge.js';
import { decodeSolution, makeChallenge, verifySolution } from './support/challenge.js';

describe('solveChallenge', () => {
  it('finds the number of a challenge made with node:crypto', async () => {
    const challenge = makeChallenge(50_000, 12_345);
    const solution = await solveChallenge(challenge);
    expect(decodeSolution(solution)).toEqual({
      algorithm: 'SHA-256',
      challenge: challenge.challenge,
      number: 12_345,
      salt: challenge.salt,
      signature: challenge.signature,
    });
    expect(verifySolution(solution)).toBe(true);
  });

  it('finds the first and the last number of the range', async () => {
    for (const number of [0, 777]) {
      const solution = await solveChallenge(makeChallenge(777, number));
      expect(decodeSolution(solution)?.number).toBe(number);
    }
  });

  it('reads the challenge in any case of hex', async () => {
    const challenge = makeChallenge(100, 42);
    const solution = await solveChallenge({
      ...challenge,
      challenge: challenge.challenge.toUpperCase(),
    });
    expect(decodeSolution(solution)?.number).toBe(42);
  });

  it('rejects when no number up to maxnumber matches', async () => {
    await expect(solveChallenge(makeChallenge(100, 150))).rejects.toThrow(
      'No number up to 100 solves the challenge',
    );
    const tampered = { ...makeChallenge(100, 3), salt: 'another salt' };
    await expect(solveChallenge(tampered)).rejects.toThrow(/No number/);
  });

  it('rejects with the abort reason when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await solveChallenge(makeChallenge(10, 5), { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  describe('where a digest settles as a microtask (no task between two tries)', () => {
    // As in some runtimes: without its own pauses the search would hold the event loop to the end.
    afterEach(() => vi.unstubAllGlobals());
    const microtaskDigests = () =>
      vi.stubGlobal('crypto', {
        subtle: {
          digest: async (_: string, data: Uint8Array) =>
            Uint8Array.from(createHash('sha256').update(data).digest()).buffer,
        },
      });

    it('lets timers run while it searches', async () => {
      microtaskDigests();
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 0);
      try {
        await solveChallenge(makeChallenge(60_000, 59_999));
      } finally {
        clearInterval(ticker);
      }
      expect(ticks).toBeGreaterThan(2);
    });

    it('stops soon after an abort, with the abort reason', async () => {
      microtaskDigests();
      // No number matches: a search that missed the abort would end in 'No number…' instead.
      const controller = new AbortController();
      const reason = new Error('closed');
      const solving = solveChallenge(makeChallenge(300_000, 300_001), {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(reason), 20);
      await expect(solving).rejects.toBe(reason);
    });
  });
});

/** Runs `source` (a function expression) in a realm with only the globals a Web Worker has. */
function runStandalone(source: string, challenge: Challenge): Promise<string> {
  const worker = { crypto: globalThis.crypto, TextEncoder, btoa, setTimeout, challenge };
  return runInNewContext(`(${source})(challenge)`, worker);
}

describe('solveChallenge is self-contained, for a Web Worker', () => {
  it('its source text alone solves a challenge, with no module around it', async () => {
    const challenge = makeChallenge(5_000, 4_321);
    const solution = await runStandalone(solveChallenge.toString(), challenge);
    expect(decodeSolution(solution)?.number).toBe(4_321);
  });

  it('so does the built entry, minified as a bundler would', async () => {
    const built = readFileSync(new URL('../dist/challenge.js', import.meta.url), 'utf8');
    const { code } = await minify(built, { module: true, compress: { passes: 2 } });
    const url = `data:text/javascript,${encodeURIComponent(code!)}`;
    const entry = (await import(/* @vite-ignore */ url)) as {
      solveChallenge: typeof solveChallenge;
    };
    const challenge = makeChallenge(5_000, 99);
    const solution = await runStandalone(entry.solveChallenge.toString(), challenge);
    expect(decodeSolution(solution)?.number).toBe(99);
  });
});
