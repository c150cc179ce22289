import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './search-query.js';
import { makeSnippet } from './snippet.js';

/** The highlighted parts of a snippet, read back through its code points. */
function marked(text: string, q: string): { snippet: string; marks: string[] } {
  const { snippet, highlights } = makeSnippet(text, parseSearchQuery(q));
  const chars = Array.from(snippet);
  return { snippet, marks: highlights.map(([a, b]) => chars.slice(a, b).join('')) };
}

describe('makeSnippet', () => {
  it('marks whole words, ignoring case and accents', () => {
    expect(marked('Un Café au lait, please: CAFE or café?', 'cafe ').marks).toEqual([
      'Café',
      'CAFE',
      'café',
    ]);
  });

  it('marks the whole word a prefix matched, and not a word merely containing it', () => {
    expect(marked('Strategic strategy, not a catastrophe', 'strat').marks).toEqual([
      'Strategic',
      'strategy',
    ]);
  });

  it('counts offsets in code points, so emoji and astral characters do not shift them', () => {
    const { marks } = marked('🎉🎉 𝒳 party at the party 🎉', 'party ');
    expect(marks).toEqual(['party', 'party']);
  });

  it('cuts a long text around the first match, at word boundaries, with ellipses', () => {
    const text = `${'alpha '.repeat(60)}needle ${'omega '.repeat(60)}`;
    const { snippet, marks } = marked(text, 'needle ');
    expect(marks).toEqual(['needle']);
    expect(snippet.startsWith('…alpha')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(Array.from(snippet).length).toBeLessThanOrEqual(162);
  });

  it('matches spaceless scripts as substrings and marks phrases word by word', () => {
    expect(marked('今天天气很好，我们去东京吧', '东京').marks).toEqual(['东京']);
    expect(marked('The quick brown fox', '"quick brown"').marks).toEqual(['quick', 'brown']);
  });

  it('collapses whitespace and keeps markup as plain text', () => {
    const { snippet, marks } = marked('<b>bold</b>\n\n  and <i>bold</i>', 'bold ');
    expect(snippet).toBe('<b>bold</b> and <i>bold</i>');
    expect(marks).toEqual(['bold', 'bold']);
  });

  it('gives the opening of the text, unmarked, when folding here misses what the database matched', () => {
    const { snippet, marks } = marked('Straße und mehr', 'strasse ');
    expect(snippet).toBe('Straße und mehr');
    expect(marks).toEqual([]);
  });
});

describe('makeSnippet in scripts whose marks are part of their letters', () => {
  it('keeps Devanagari vowel signs and Arabic letters whole', () => {
    expect(marked('मेरे चैनल के लिए वीडियो विचार', 'वीडियो ').marks).toEqual(['वीडियो']);
    expect(marked('كيف أزيد عدد المشتركين', 'المشتركين ').marks).toEqual(['المشتركين']);
  });
});

describe('makeSnippet with letters outside the Basic Multilingual Plane', () => {
  it('runs a prefix match through astral letters and does not start one after them', () => {
    expect(marked('ab𝒳cd and 𝒳ab', 'ab').marks).toEqual(['ab𝒳cd']);
  });
});
