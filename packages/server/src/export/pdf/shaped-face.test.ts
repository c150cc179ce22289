import { describe, expect, it } from 'vitest';
import { loadFontFile } from './font-files.js';
import { extractedText, ShapedFace } from './shaped-face.js';

describe('ShapedFace', () => {
  it('joins Arabic and keeps a ligature readable in logical order', async () => {
    const arabic = new ShapedFace('arabic', await loadFontFile('arabic'));
    const run = arabic.shape('السلام', true);
    expect(run.glyphs.length).toBeLessThan('السلام'.length); // lam-alef became one glyph
    expect(extractedText(run, true)).toBe('السلام');
  });

  it('reorders Devanagari as fontkit shapes it, which is why such text carries ActualText', async () => {
    const sans = new ShapedFace('sans', await loadFontFile('sans'));
    const run = sans.shape('कि', false);
    expect(run.glyphs.map((glyph) => glyph.codePoints)).toEqual([[0x93f], [0x915]]);
    expect(extractedText(run, false)).not.toBe('कि');
  });

  it('measures a line as the sum of its words', async () => {
    const sans = new ShapedFace('sans', await loadFontFile('sans'));
    const words = ['The', ' ', 'quick', ' ', 'fox'].map((word) => sans.measure(word));
    expect(sans.measure('The quick fox')).toBeCloseTo(
      words.reduce((a, b) => a + b),
      6,
    );
  });
});
