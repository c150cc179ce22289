import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-file-name.js';

describe('exportFileName', () => {
  it.each([
    ['Launch plan', 'Launch plan.md'],
    ['../../etc/passwd', 'etc passwd.md'],
    ['a\\b/c', 'a b c.md'],
    ['"quoted" name', 'quoted name.md'],
    ['CON: what? <x> | *y*', 'CON what x y.md'],
    ['tab\tand\nnewline\u0000nul', 'tab and newline nul.md'],
    ['...hidden', 'hidden.md'],
    ['   ', 'conversation.md'],
    ['////', 'conversation.md'],
    ['Café ☕ 東京', 'Café ☕ 東京.md'],
  ])('%j → %j', (title, expected) => {
    expect(exportFileName(title, 'md')).toBe(expected);
  });

  it('keeps at most 100 characters, counted in code points', () => {
    const name = exportFileName('🎉'.repeat(150), 'pdf');
    expect(Array.from(name.replace(/\.pdf$/, ''))).toHaveLength(100);
  });
});
