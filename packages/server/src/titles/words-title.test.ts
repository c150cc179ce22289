import { describe, expect, it } from 'vitest';
import { titleFromWords } from './words-title.js';

describe('titleFromWords', () => {
  it.each([
    ['how do I grow my channel past 1000 subscribers this year?', 'How do I grow my channel'],
    ['**Ideas** for a [cooking](https://x.example) vlog', 'Ideas for a cooking vlog'],
    ['  ¿cómo   escribo un guion?  ', '¿cómo escribo un guion'],
    ['```js\nconsole.log(1)\n```\nwhy does this fail', 'Why does this fail'],
    [
      '東京で撮影する動画のアイデアを教えてください',
      '東京で撮影する動画のアイデアを教えてください',
    ],
    ['Hi!', 'Hi'],
  ])('%j → %j', (text, title) => {
    expect(titleFromWords(text)).toBe(title);
  });

  it('keeps at most 60 characters, even of one long word', () => {
    expect([...titleFromWords('x'.repeat(500))!]).toHaveLength(60);
    expect(titleFromWords('supercalifragilistic '.repeat(10))!.length).toBeLessThanOrEqual(60);
  });

  it('gives nothing for a text without words', () => {
    expect(titleFromWords('   ')).toBeNull();
    expect(titleFromWords('** ## ``')).toBeNull();
  });
});
