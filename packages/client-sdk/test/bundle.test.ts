/**
 * The core bundle leaves the proof-of-work solver out: it is the `@repruv/client-sdk/challenge`
 * entry, which only pages of sites with a challenge load. Reads the build (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
const read = (file: string) => readFileSync(dist(file), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// What only the solver has: the hash search and its pauses.
const SOLVER = /\bsubtle\b|\bmaxnumber\b|throwIfAborted/;

describe('the core bundle and the challenge entry', () => {
  it.each(['index.js', 'index.cjs', 'index.min.js'])('%s does not hold the solver', (file) => {
    expect(read(file)).not.toMatch(SOLVER);
  });

  it('the challenge entry does, in ESM and CJS, with its types', () => {
    for (const file of ['challenge.js', 'challenge.cjs']) {
      expect(read(file)).toMatch(/subtle\.digest/);
      expect(read(file)).not.toMatch(/RepruvError|fetch\(/); // nothing of the core
    }
    expect(read('challenge.d.ts')).toMatch(/export declare function solveChallenge\(/);
  });

  it('package.json exports it as @repruv/client-sdk/challenge', async () => {
    const entry = pkg.exports['./challenge'];
    expect(entry).toEqual({
      types: './dist/challenge.d.ts',
      import: './dist/challenge.js',
      require: './dist/challenge.cjs',
    });
    for (const file of Object.values(entry) as string[]) {
      expect(existsSync(new URL(`../${file}`, import.meta.url)), file).toBe(true);
    }
    const { solveChallenge } = await import('@repruv/client-sdk/challenge');
    expect(solveChallenge).toBeTypeOf('function');
  });
});
