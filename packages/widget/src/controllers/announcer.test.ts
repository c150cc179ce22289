import { describe, expect, it } from 'vitest';
import { lastSentenceEnd, spoken } from './announcer.js';

describe('announcer', () => {
  it('finds the end of the last finished sentence', () => {
    expect(lastSentenceEnd('Hello there')).toBe(0);
    expect(lastSentenceEnd('Hello there. How')).toBe(12);
    expect(lastSentenceEnd('Version 3.5 is out')).toBe(0);
    expect(lastSentenceEnd('One! Two? Thr')).toBe(9);
    expect(lastSentenceEnd('A list:\n- item')).toBe(8);
  });

  it('reads Markdown as plain words', () => {
    expect(spoken('**Bold** and `code` with [a link](https://x.test)\n# Head')).toBe(
      'Bold and code with a link Head',
    );
  });
});
