import { describe, expect, it } from 'vitest';
import { snippetParts } from './marked-snippet.js';

const marked = (snippet: string, highlights: number[][]) =>
  snippetParts(snippet, highlights)
    .map((part) => (part.marked ? `[${part.text}]` : part.text))
    .join('');

describe('snippetParts', () => {
  it('marks each range and keeps the text between them', () => {
    expect(
      marked('Plan a content calendar', [
        [7, 14],
        [15, 23],
      ]),
    ).toBe('Plan a [content] [calendar]');
    expect(marked('strategy', [[0, 8]])).toBe('[strategy]');
    expect(marked('no match here', [])).toBe('no match here');
  });

  it('counts code points, not UTF-16 units: emoji and astral scripts before a match', () => {
    // '🎬' is two UTF-16 units but one code point; so is '𝒳'.
    expect(marked('🎬 Video ideas', [[2, 7]])).toBe('🎬 [Video] ideas');
    expect(
      marked('𝒳𝒳 café 😀 Café', [
        [3, 7],
        [10, 14],
      ]),
    ).toBe('𝒳𝒳 [café] 😀 [Café]');
  });

  it('never repeats or drops text for overlapping, reversed or out-of-range highlights', () => {
    expect(
      marked('abcdef', [
        [1, 4],
        [2, 5],
      ]),
    ).toBe('a[bcd][e]f');
    expect(marked('abcdef', [[4, 2]])).toBe('abcdef');
    expect(marked('abc', [[1, 99]])).toBe('a[bc]');
    expect(marked('abc', [[50, 60]])).toBe('abc');
  });

  it('keeps markup as text: the parts are rendered through text bindings', () => {
    const parts = snippetParts('<img src=x onerror=alert(1)> tag', [[29, 32]]);
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: 'tag', marked: true },
    ]);
  });
});
