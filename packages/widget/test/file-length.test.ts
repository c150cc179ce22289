import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * STYLE.md: small files with one job. A source file of the browser packages over ~300 lines
 * says why at its top: its opening comment holds "Over 300 lines because …". Generated files
 * (first line "// Generated from …") are exempt.
 */

const MAX_LINES = 300;
const packages = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** The comment the file opens with (block or line comments), or ''. */
function openingComment(text: string): string {
  const block = /^\s*\/\*[\s\S]*?\*\//.exec(text)?.[0];
  if (block) return block;
  return /^(\s*\/\/.*\n)+/.exec(text)?.[0] ?? '';
}

describe('source file length', () => {
  it.each(['client-sdk', 'widget'])(
    'no file in %s/src is over 300 lines without a reason at its top',
    (name) => {
      const unexplained = sources(path.join(packages, name, 'src'))
        .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
        .filter(({ text }) => text.split('\n').length - 1 > MAX_LINES)
        .filter(({ text }) => !text.startsWith('// Generated from '))
        .filter(({ text }) => !/Over 300 lines because/.test(openingComment(text)))
        .map(({ file }) => path.relative(packages, file));
      expect(unexplained).toEqual([]);
    },
  );
});
