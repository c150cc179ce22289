import type { Font, Glyph, GlyphPosition } from 'fontkit';
import type { FaceKey } from './font-files.js';

/** Glyphs in visual order with their positions, in font units. */
export interface ShapedRun {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  advanceWidth: number;
}

/** What pdfkit reads of a glyph run (it scales `positions` in place, so each call gets a copy). */
interface RunForPdfkit {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  readonly advanceWidth: number;
}

/** Shaped words kept per face: text repeats its words, and shaping is most of an export's time. */
const WORD_CACHE_SIZE = 8192;
const CACHED_WORD_LENGTH = 48;
const WORDS_AND_SPACES = /\s+|\S+/g;

/**
 * One font of one document: shapes text with fontkit (the same shaping pdfkit draws), measures
 * it, and hands pdfkit a font object whose layout draws what was measured, in the direction the
 * line's bidi resolution asked for.
 */
export class ShapedFace {
  readonly #words = { ltr: new Map<string, ShapedRun>(), rtl: new Map<string, ShapedRun>() };
  #prepared: { text: string; rtl: boolean; run: ShapedRun } | null = null;
  /** Given to pdfkit as the font: fontkit's own, except that `layout` is ours. */
  readonly pdfkitFont: object;
  readonly #unitsPerEm: number;

  constructor(
    readonly key: FaceKey,
    readonly font: Font,
    private readonly features: Record<string, boolean> = {},
    /** Drawn at this times the text's size. */
    readonly scale = 1,
  ) {
    this.#unitsPerEm = font.unitsPerEm; // a getter that reads the head table each time
    const layout = (text: string): RunForPdfkit => {
      const prepared = this.#prepared;
      const run =
        prepared && prepared.text === text
          ? prepared.run
          : this.shape(text, prepared?.rtl ?? false);
      return copyForPdfkit(run);
    };
    this.pdfkitFont = new Proxy(font, {
      get(target, property) {
        if (property === 'layout') return layout;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  }

  covers(cp: number): boolean {
    return this.font.hasGlyphForCodePoint(cp);
  }

  /**
   * Shapes word by word (no script joins or reorders across a space), right to left in
   * reverse word order, so that each word is shaped once per document and then reused.
   */
  shape(text: string, rtl: boolean): ShapedRun {
    const words = text.match(WORDS_AND_SPACES);
    if (!words || words.length === 1) return this.#word(text, rtl);
    const runs = words.map((word) => this.#word(word, rtl));
    if (rtl) runs.reverse();
    const glyphs: Glyph[] = [];
    const positions: GlyphPosition[] = [];
    let advanceWidth = 0;
    for (const run of runs) {
      for (let i = 0; i < run.glyphs.length; i++) {
        glyphs.push(run.glyphs[i]!);
        positions.push(run.positions[i]!);
      }
      advanceWidth += run.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  }

  /** Advance width of a shaped run for a text size of 1. */
  widthOf(run: ShapedRun): number {
    return (run.advanceWidth / this.#unitsPerEm) * this.scale;
  }

  /** Advance width of `text` for a text size of 1 (direction does not change it). */
  measure(text: string): number {
    return this.widthOf(this.shape(text, false));
  }

  /** Makes the next pdfkit draw of `text` use this run; `null` after the draw. */
  prepare(prepared: { text: string; rtl: boolean; run: ShapedRun } | null): void {
    this.#prepared = prepared;
  }

  #word(text: string, rtl: boolean): ShapedRun {
    if (text.length > CACHED_WORD_LENGTH) return this.#layout(text, rtl);
    const words = rtl ? this.#words.rtl : this.#words.ltr;
    let run = words.get(text);
    if (!run) {
      run = this.#layout(text, rtl);
      if (words.size >= WORD_CACHE_SIZE) words.delete(words.keys().next().value!);
      words.set(text, run);
    }
    return run;
  }

  /**
   * fontkit returns a right-to-left run reversed, and text extraction reverses it again; a
   * ligature standing for several characters (lam-alef) would then be read backwards, so its
   * characters are listed in visual order too.
   */
  #layout(text: string, rtl: boolean): ShapedRun {
    const run = this.font.layout(text, this.features, undefined, undefined, rtl ? 'rtl' : 'ltr');
    const glyphs = rtl ? run.glyphs.map(visualCodePoints) : run.glyphs;
    return { glyphs, positions: run.positions, advanceWidth: run.advanceWidth };
  }
}

function visualCodePoints(glyph: Glyph): Glyph {
  if (glyph.codePoints.length < 2) return glyph;
  return Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } }) as Glyph;
}

function copyForPdfkit(run: ShapedRun): RunForPdfkit {
  const positions = run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
    xAdvance,
    yAdvance,
    xOffset,
    yOffset,
  }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((width, position) => width + position.xAdvance, 0);
    },
  };
}

/** The text a reader of the PDF gets back from a shaped run, in logical order. */
export function extractedText(run: ShapedRun, rtl: boolean): string {
  const glyphs = rtl ? [...run.glyphs].reverse() : run.glyphs;
  let text = '';
  for (const glyph of glyphs) {
    const points = rtl ? [...glyph.codePoints].reverse() : glyph.codePoints;
    text += String.fromCodePoint(...points);
  }
  return text;
}
