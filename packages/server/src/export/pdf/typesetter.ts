import { resolveDirection, visualPieces, type Piece } from './bidi-lines.js';
import type { DocumentFonts } from './document-fonts.js';
import { assignFaces, type FaceRun } from './face-assignment.js';
import type { FaceKey } from './font-files.js';
import { breakLines, type Measure } from './line-breaking.js';
import type { CjkFace } from './scripts.js';
import { extractedText, type ShapedRun } from './shaped-face.js';

export interface TextStyle {
  size: number;
  /** Distance between baselines. */
  leading: number;
  primary: FaceKey;
  color: string;
  /** `auto`: the first strong character decides (an Arabic message reads right to left). */
  direction: 'auto' | 'ltr';
}

export interface PlacedPiece extends Piece {
  face: FaceKey;
  run: ShapedRun;
  width: number;
}

export interface SetLine {
  pieces: PlacedPiece[];
  width: number;
  /** The paragraph reads right to left: the line is set flush right. */
  rtl: boolean;
}

/** One paragraph (no line feeds) into lines no wider than `maxWidth`, shaped and ordered for drawing. */
export async function typesetParagraph(
  text: string,
  style: TextStyle,
  maxWidth: number,
  cjk: CjkFace,
  fonts: DocumentFonts,
): Promise<SetLine[]> {
  const faces = await assignFaces(text, { primary: style.primary, cjk }, fonts);
  const direction = resolveDirection(text, style.direction);
  const measure = measureIn(text, faces, fonts, style);
  return breakLines(text, maxWidth, measure).map((line) => {
    const pieces = visualPieces(text, line, direction, faces).map((piece) =>
      place(piece, style, fonts),
    );
    const width = pieces.reduce((sum, piece) => sum + piece.width, 0);
    return { pieces, width, rtl: direction.rtl };
  });
}

function place(piece: Piece, style: TextStyle, fonts: DocumentFonts): PlacedPiece {
  const face = piece.face ?? style.primary; // no font has it: the primary's blank glyph shows where
  const shaped = fonts.use(face);
  const run = shaped.shape(piece.text, piece.rtl);
  const width = shaped.widthOf(run) * style.size;
  let actualText = piece.actualText;
  // Shaping that reorders glyphs (Devanagari's i-matra before its consonant) would be read out
  // in drawing order; right to left, extraction already reverses, so only left to right needs it.
  const mayDiffer = !piece.rtl && !PRINTABLE_ASCII.test(piece.text);
  if (actualText === undefined && mayDiffer && !sameText(extractedText(run, false), piece.text)) {
    actualText = piece.text;
  }
  return { ...piece, face, run, width, ...(actualText === undefined ? {} : { actualText }) };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\s/gu, ' ') === b.replace(/\s/gu, ' ');
}

function measureIn(
  text: string,
  faces: FaceRun[],
  fonts: DocumentFonts,
  style: TextStyle,
): Measure {
  return (start, end) => {
    let width = 0;
    for (let i = firstRunAt(faces, start); i < faces.length && faces[i]!.start < end; i++) {
      const run = faces[i]!;
      const piece = text.slice(Math.max(start, run.start), Math.min(end, run.end));
      width += fonts.use(run.face ?? style.primary).measure(piece);
    }
    return width * style.size;
  };
}

function firstRunAt(faces: FaceRun[], at: number): number {
  let low = 0;
  let high = faces.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (faces[mid]!.end <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}
