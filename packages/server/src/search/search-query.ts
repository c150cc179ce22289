import { InvalidRequestError } from '../errors.js';

/**
 * A person's search, as docs/openapi.yaml (searchSessions) reads it: words (the last one also as
 * a prefix unless the query ends with a space), "quoted phrases", and -excluded words. Every
 * character that is not a letter, a mark or a digit only separates words, so nothing a person
 * types is ever an operator of PostgreSQL's tsquery or a LIKE wildcard.
 */
export interface SearchQuery {
  /** Words that must each match (in a message, or in the title). */
  words: SearchWord[];
  /** Phrases: words that must appear together, in order. */
  phrases: string[][];
  /** Words a matching message must not hold. */
  excluded: string[];
  /** Runs of scripts written without spaces (CJK, Thai), matched as substrings. */
  substrings: string[];
}

export interface SearchWord {
  text: string;
  prefix: boolean;
}

export const MAX_QUERY_CHARS = 200;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const SPACELESS_CHAR =
  /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]/u;
/** A word holding a spaceless script is matched as a substring; tsvector would see one long word. */
const isSpaceless = (word: string) => SPACELESS_CHAR.test(word);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export function parseSearchQuery(raw: string): SearchQuery {
  if (CONTROL.test(raw)) {
    throw new InvalidRequestError('q must not hold control characters.', { field: 'q' });
  }
  if (!raw.trim()) throw new InvalidRequestError('q must not be empty.', { field: 'q' });
  if ([...raw].length > MAX_QUERY_CHARS) {
    throw new InvalidRequestError(`q must be at most ${MAX_QUERY_CHARS} characters.`, {
      field: 'q',
    });
  }
  const query: SearchQuery = { words: [], phrases: [], excluded: [], substrings: [] };
  // "…" phrases first (an unclosed quote runs to the end), then -words, then the rest.
  const rest = raw.replace(/"([^"]*)("|$)/g, (_, phrase: string) => {
    const words = phrase.match(WORD) ?? [];
    for (const word of words.filter(isSpaceless)) query.substrings.push(word);
    const spaced = words.filter((word) => !isSpaceless(word));
    if (spaced.length > 1) query.phrases.push(spaced);
    else if (spaced.length === 1) query.words.push({ text: spaced[0]!, prefix: false });
    return ' ';
  });
  const tokens = rest.split(/\s+/).filter(Boolean);
  const endsInWord = /[\p{L}\p{M}\p{N}]$/u.test(rest);
  tokens.forEach((token, index) => {
    const words = token.match(WORD) ?? [];
    if (token.startsWith('-') && words.length) {
      query.excluded.push(...words);
      return;
    }
    words.forEach((word, wordIndex) => {
      if (isSpaceless(word)) {
        query.substrings.push(word);
        return;
      }
      const last = index === tokens.length - 1 && wordIndex === words.length - 1;
      query.words.push({ text: word, prefix: last && endsInWord });
    });
  });
  return query;
}

/** Nothing to look for: only exclusions, or only punctuation. */
export function findsNothing(query: SearchQuery): boolean {
  return !query.words.length && !query.phrases.length && !query.substrings.length;
}

const lexeme = (word: string) => `'${word}'`;

/**
 * The tsquery text of the query's words, phrases and exclusions (substrings have none), or null
 * when it has none. Safe to hand to to_tsquery: every lexeme holds only letters, marks and
 * digits, quoted.
 */
export function toTsquery(query: SearchQuery, options: { withExclusions: boolean }): string | null {
  const parts = [
    ...query.words.map((w) => (w.prefix ? `${lexeme(w.text)}:*` : lexeme(w.text))),
    ...query.phrases.map((phrase) => `(${phrase.map(lexeme).join(' <-> ')})`),
  ];
  if (!parts.length) return null;
  if (options.withExclusions) {
    parts.push(...query.excluded.filter((w) => !isSpaceless(w)).map((w) => `!${lexeme(w)}`));
  }
  return parts.join(' & ');
}

/** Excluded words in a spaceless script: left out by substring, like the ones they are. */
export function spacelessExclusions(query: SearchQuery): string[] {
  return query.excluded.filter(isSpaceless);
}

/** A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
