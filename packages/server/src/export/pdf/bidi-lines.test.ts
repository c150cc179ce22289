import { describe, expect, it } from 'vitest';
import { resolveDirection, visualPieces } from './bidi-lines.js';

function pieces(text: string) {
  const faces = [{ start: 0, end: text.length, face: 'sans' as const }];
  const direction = resolveDirection(text, 'auto');
  return visualPieces(text, { start: 0, end: text.length }, direction, faces);
}

describe('visualPieces', () => {
  it('keeps left-to-right text as one piece', () => {
    expect(pieces('Hello, world  ')).toEqual([{ text: 'Hello, world', face: 'sans', rtl: false }]);
  });

  it('sets a Hebrew phrase inside English right to left, in place', () => {
    expect(pieces('say שלום עולם now').map(({ text, rtl }) => [text, rtl])).toEqual([
      ['say ', false],
      ['שלום עולם', true],
      [' now', false],
    ]);
  });

  it('orders an Arabic paragraph with an English word from the right', () => {
    const text = 'مرحبا Claude كيف';
    expect(resolveDirection(text, 'auto').rtl).toBe(true);
    expect(pieces(text).map(({ text, rtl }) => [text, rtl])).toEqual([
      [' كيف', true],
      ['Claude', false],
      ['مرحبا ', true],
    ]);
  });

  it('mirrors brackets right to left and keeps the original for copying', () => {
    expect(pieces('(שלום)')).toEqual([
      { text: '(', face: 'sans', rtl: true, actualText: ')' },
      { text: 'שלום', face: 'sans', rtl: true },
      { text: ')', face: 'sans', rtl: true, actualText: '(' },
    ]);
  });
});
