import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors.js';
import { containsPattern, findsNothing, parseSearchQuery, toTsquery } from './search-query.js';

const tsquery = (q: string) => toTsquery(parseSearchQuery(q), { withExclusions: true });

describe('parseSearchQuery', () => {
  it('takes words, the last as a prefix unless the query ends with a space', () => {
    expect(tsquery('video ideas')).toBe("'video' & 'ideas':*");
    expect(tsquery('video ideas ')).toBe("'video' & 'ideas'");
  });

  it('takes quoted phrases and excluded words', () => {
    expect(tsquery('"content calendar" -tiktok plan')).toBe(
      "'plan':* & ('content' <-> 'calendar') & !'tiktok'",
    );
  });

  it('never passes an operator through: punctuation only separates words', () => {
    expect(tsquery("a&b|c:* !(d) <-> 'e' \\f")).toBe("'a' & 'b' & 'c' & 'd' & 'e' & 'f':*");
    expect(tsquery("it's")).toBe("'it' & 's':*");
  });

  it('finds nothing in a query of punctuation or exclusions only', () => {
    expect(findsNothing(parseSearchQuery('%%% ***'))).toBe(true);
    expect(findsNothing(parseSearchQuery('-spam'))).toBe(true);
    expect(tsquery('%%%')).toBeNull();
  });

  it('keeps spaceless scripts as substrings, apart from the words', () => {
    const query = parseSearchQuery('東京 tower');
    expect(query.substrings).toEqual(['東京']);
    expect(query.words).toEqual([{ text: 'tower', prefix: true }]);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(201), 'at most 200'],
    ['a\u0000b', 'control'],
    ['a\nb', 'control'],
  ])('refuses %j (%s)', (q, why) => {
    expect(() => parseSearchQuery(q)).toThrow(InvalidRequestError);
    expect(() => parseSearchQuery(q)).toThrow(new RegExp(why));
  });

  it('counts 200 characters as code points', () => {
    expect(() => parseSearchQuery('🎉'.repeat(200))).not.toThrow();
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards and backslashes', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
