import type { SearchQuery } from './search-query.js';

/**
 * The plain-text snippet of a search hit and its highlights: `[start, end)` offsets in Unicode
 * code points (docs/openapi.yaml, SearchHit). Matching here mirrors the database's: case and
 * accents folded, words matched whole (or as a prefix), spaceless scripts as substrings. It only
 * places the marks: which messages match is the database's decision.
 */
export interface Snippet {
  snippet: string;
  highlights: [number, number][];
}

const SNIPPET_CHARS = 160;
const CONTEXT_BEFORE = 50;
const ELLIPSIS = '…';
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

interface Folded {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the index of the original code point it came from. */
  origin: number[];
}

const isAscii = (char: string) => char.charCodeAt(0) < 0x80;

function fold(chars: string[]): Folded {
  let text = '';
  const origin: number[] = [];
  chars.forEach((char, index) => {
    // Only the combining accents of Latin, Greek and Cyrillic: other scripts' marks are letters' parts.
    const folded = isAscii(char)
      ? char.toLowerCase()
      : char
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/gu, '')
          .toLowerCase();
    text += folded;
    for (let unit = 0; unit < folded.length; unit++) origin.push(index);
  });
  return { text, origin };
}

const foldWord = (word: string) => fold([...word]).text;

interface Term {
  text: string;
  wholeWord: boolean;
  prefix: boolean;
}

function termsOf(query: SearchQuery): Term[] {
  const words = [
    ...query.words,
    ...query.phrases.flat().map((text) => ({ text, prefix: false })),
  ].map((w) => ({ text: foldWord(w.text), wholeWord: true, prefix: w.prefix }));
  const substrings = query.substrings.map((text) => ({
    text: foldWord(text),
    wholeWord: false,
    prefix: false,
  }));
  return [...words, ...substrings].filter((term) => term.text.length > 0);
}

/** Every match of the query's terms in `chars`, in original code points, merged and in order. */
function matchRanges(chars: string[], query: SearchQuery): [number, number][] {
  const { text, origin } = fold(chars);
  const charAt = (unit: number) => String.fromCodePoint(text.codePointAt(unit)!);
  const isWordAt = (unit: number) => unit < text.length && WORD_CHAR.test(charAt(unit));
  const wordBefore = (unit: number) => {
    if (unit === 0) return false;
    const low = /[\udc00-\udfff]/.test(text[unit - 1]!);
    return WORD_CHAR.test(text.slice(unit - (low && unit >= 2 ? 2 : 1), unit));
  };
  const ranges: [number, number][] = [];
  for (const term of termsOf(query)) {
    for (let at = text.indexOf(term.text); at !== -1; at = text.indexOf(term.text, at + 1)) {
      const end = at + term.text.length;
      if (term.wholeWord && wordBefore(at)) continue;
      let stop = end;
      if (term.wholeWord && term.prefix) while (isWordAt(stop)) stop += charAt(stop).length;
      else if (term.wholeWord && isWordAt(end)) continue;
      ranges.push([origin[at]!, origin[stop - 1]! + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Moves `index` back to the start of the word it falls in (a snippet never opens mid-word). */
function wordStart(chars: string[], index: number): number {
  let i = index;
  while (i > 0 && WORD_CHAR.test(chars[i - 1]!)) i--;
  return i;
}

function wordEnd(chars: string[], index: number, floor: number): number {
  let i = index;
  while (i > floor && i < chars.length && WORD_CHAR.test(chars[i]!)) i--;
  return i > floor ? i : index;
}

/** `text` (whitespace collapsed) cut around its first match, with the matches' offsets. */
export function makeSnippet(text: string, query: SearchQuery): Snippet {
  const chars = [...text.replace(/\s+/gu, ' ').trim()];
  const ranges = matchRanges(chars, query);
  const first = ranges[0]?.[0] ?? 0;
  // Some context before the match, more when the text ends soon after it.
  const before = Math.max(CONTEXT_BEFORE, SNIPPET_CHARS - (chars.length - first));
  let start = first <= before ? 0 : wordStart(chars, first - before);
  while (start > 0 && chars[start] === ' ') start++;
  let end = Math.min(chars.length, start + SNIPPET_CHARS);
  if (end < chars.length) end = wordEnd(chars, end, first + 1);
  while (end > start && chars[end - 1] === ' ') end--;
  const lead = start > 0 ? ELLIPSIS : '';
  const tail = end < chars.length ? ELLIPSIS : '';
  const highlights = ranges
    .filter(([a]) => a >= start && a < end)
    .map(([a, b]): [number, number] => [
      a - start + lead.length,
      Math.min(b, end) - start + lead.length,
    ]);
  return { snippet: `${lead}${chars.slice(start, end).join('')}${tail}`, highlights };
}
