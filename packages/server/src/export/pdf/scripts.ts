/**
 * What a character asks of a font: its script where one font family serves it, `common` for
 * characters every font has and that should stay in the font of their neighbours (spaces,
 * ASCII punctuation, digits), `mark` for characters that must stay with the one before them.
 */
export type ScriptClass =
  'arabic' | 'hebrew' | 'han' | 'kana' | 'hangul' | 'cjk-symbol' | 'other' | 'common' | 'mark';

/** Combining marks, and the invisible format characters fontkit draws as nothing. */
const MARK = /^[\p{M}\p{Default_Ignorable_Code_Point}]$/u;

export function scriptClass(cp: number): ScriptClass {
  if (cp < 0x80) return isAsciiLetter(cp) ? 'other' : 'common';
  if (cp === 0xad) return 'mark';
  if (cp < 0x300) return cp <= 0xbf || cp === 0xd7 || cp === 0xf7 ? 'common' : 'other';
  if (cp >= 0x590 && cp <= 0x5ff) return isMark(cp) ? 'mark' : 'hebrew';
  if (
    (cp >= 0x600 && cp <= 0x6ff) ||
    (cp >= 0x750 && cp <= 0x77f) ||
    (cp >= 0x8a0 && cp <= 0x8ff)
  ) {
    return isMark(cp) ? 'mark' : 'arabic';
  }
  if (cp >= 0xfb1d && cp <= 0xfb4f) return 'hebrew';
  if ((cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefe)) return 'arabic';
  if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) return 'hangul';
  if ((cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7ff)) return 'hangul';
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff)) return 'kana';
  if (cp >= 0xff66 && cp <= 0xff9f) return 'kana';
  if ((cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'han';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff)) return 'han';
  if (cp >= 0x20000 && cp <= 0x3ffff) return 'han';
  if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef)) return 'cjk-symbol';
  if (cp >= 0x2000 && cp <= 0x206f) return isMark(cp) ? 'mark' : 'common';
  if (cp >= 0xfe00 && cp <= 0xfe0f) return 'mark';
  return isMark(cp) ? 'mark' : 'other';
}

function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

function isMark(cp: number): boolean {
  return MARK.test(String.fromCodePoint(cp));
}

/** Characters whose presence means the text may need the bidirectional algorithm at all. */
const RIGHT_TO_LEFT =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function mayHoldRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}

/** Where the CJK fonts are worth trying for a character no other font has (symbols, arrows…). */
export function cjkFontsMayCover(cp: number): boolean {
  return (cp >= 0x2000 && cp < 0x2c00) || (cp >= 0x2e80 && cp <= 0xffef) || cp >= 0x20000;
}

export type CjkFace = 'chinese' | 'japanese' | 'korean';

/** The CJK font a message wants for its Han characters: Japanese with kana, Korean with Hangul. */
export function cjkFaceFor(text: string): CjkFace {
  if (/[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/.test(text)) return 'japanese';
  if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(text)) return 'korean';
  return 'chinese';
}
