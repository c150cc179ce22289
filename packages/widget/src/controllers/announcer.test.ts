import { describe, expect, it } from 'vitest';
import { lastSentenceEnd, ReplyAnnouncer, spoken } from './announcer.js';

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

describe('ReplyAnnouncer', () => {
  it('announces each finished sentence once as the reply grows, then the rest', () => {
    const announcer = new ReplyAnnouncer();
    expect(announcer.sentences('Hello th')).toBeNull();
    expect(announcer.sentences('Hello there. How')).toBe('Hello there.');
    expect(announcer.sentences('Hello there. How are')).toBeNull();
    expect(announcer.sentences('Hello there. How are **you**? Fine')).toBe('How are you?');
    expect(announcer.rest('Hello there. How are **you**? Fine.')).toBe('Fine.');
    expect(announcer.rest('Hello there. How are **you**? Fine.')).toBeNull();
  });

  it('starts over for a new reply', () => {
    const announcer = new ReplyAnnouncer();
    announcer.rest('First reply.');
    announcer.reset();
    expect(announcer.sentences('Second. reply')).toBe('Second.');
  });
});
