import { describe, expect, it } from 'vitest';
import { messageBlocks } from './message-blocks.js';

describe('messageBlocks', () => {
  it('makes each line a paragraph and collapses blank lines into one gap', () => {
    expect(messageBlocks('one\r\ntwo\n\n\nthree\n\n')).toEqual([
      { kind: 'paragraph', text: 'one' },
      { kind: 'paragraph', text: 'two' },
      { kind: 'gap' },
      { kind: 'paragraph', text: 'three' },
    ]);
  });

  it('sets fenced code apart without its fences, tabs expanded', () => {
    expect(messageBlocks('Look:\n```js\nif (a) {\n\treturn 1;\n}\n```\n~~~\nraw\n~~~~')).toEqual([
      { kind: 'paragraph', text: 'Look:' },
      { kind: 'code', lines: ['if (a) {', '    return 1;', '}'] },
      { kind: 'code', lines: ['raw'] },
    ]);
  });

  it('runs a fence left open to the end, and a shorter fence does not close it', () => {
    expect(messageBlocks('````\na\n```\nb')).toEqual([{ kind: 'code', lines: ['a', '```', 'b'] }]);
  });

  it('drops control characters, which no font can draw', () => {
    expect(messageBlocks('a\u0007b\u001bc')).toEqual([{ kind: 'paragraph', text: 'abc' }]);
  });
});
