import * as bidiJs from 'bidi-js';
import type { Bidi } from 'bidi-js';
import type { FaceRun } from './face-assignment.js';
import type { FaceKey } from './font-files.js';
import type { LineRange } from './line-breaking.js';
import { mayHoldRightToLeft } from './scripts.js';

// CommonJS typed as an ES module: under Node the factory is module.exports, Node's `default`
type BidiFactory = () => Bidi;
const exported = (bidiJs as unknown as { default: unknown }).default;
const bidiFactory = (
  typeof exported === 'function' ? exported : (exported as { default: unknown }).default
) as BidiFactory;
const bidi = bidiFactory();

/** Embedding levels of a paragraph (Unicode bidi algorithm); `null` when it is all left to right. */
export interface ParagraphDirection {
  levels: Uint8Array | null;
  rtl: boolean;
}

/** A stretch of a line drawn with one face in one direction, in the line's visual order. */
export interface Piece {
  /** What is drawn: the logical text, or a mirrored bracket. */
  text: string;
  face: FaceKey | null;
  rtl: boolean;
  /** What a reader copying the piece should get, where it is not what the glyphs say. */
  actualText?: string;
}

export function resolveDirection(text: string, base: 'auto' | 'ltr'): ParagraphDirection {
  if (!mayHoldRightToLeft(text)) return { levels: null, rtl: false };
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text, base);
  return { levels, rtl: (paragraphs[0]?.level ?? 0) % 2 === 1 };
}

interface LogicalRun {
  start: number;
  end: number;
  level: number;
  face: FaceKey | null;
  mirrored?: string;
}

/** The line's pieces left to right: runs of one level and face, reordered by rule L2. */
export function visualPieces(
  text: string,
  line: LineRange,
  direction: ParagraphDirection,
  faces: FaceRun[],
): Piece[] {
  let end = line.end;
  while (end > line.start && /\s/u.test(text[end - 1]!)) end--; // invisible, and rule L1's to move
  const runs = logicalRuns(text, line.start, end, direction.levels, faces);
  reorderRuns(runs);
  return runs.map((run) => {
    const logical = text.slice(run.start, run.end);
    const rtl = run.level % 2 === 1;
    if (run.mirrored) return { text: run.mirrored, face: run.face, rtl, actualText: logical };
    if (run.face === null) return { text: logical, face: null, rtl, actualText: logical };
    return { text: logical, face: run.face, rtl };
  });
}

function logicalRuns(
  text: string,
  start: number,
  end: number,
  levels: Uint8Array | null,
  faces: FaceRun[],
): LogicalRun[] {
  const runs: LogicalRun[] = [];
  let faceIndex = Math.max(
    0,
    faces.findIndex((run) => run.end > start),
  );
  for (let i = start; i < end;) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const next = i + char.length;
    while (faceIndex < faces.length - 1 && faces[faceIndex]!.end <= i) faceIndex++;
    const face = faces[faceIndex]?.face ?? null;
    const level = levels ? levels[i]! : 0;
    const mirrored = level % 2 === 1 ? bidi.getMirroredCharacter(char) : null;
    const last = runs[runs.length - 1];
    if (mirrored) runs.push({ start: i, end: next, level, face, mirrored });
    else if (last && !last.mirrored && last.level === level && last.face === face) last.end = next;
    else runs.push({ start: i, end: next, level, face });
    i = next;
  }
  return runs;
}

/** From the highest level down to the lowest odd one, reverse each sequence at that level or above. */
function reorderRuns(runs: LogicalRun[]): void {
  if (runs.length < 2) return;
  const levels = runs.map((run) => run.level);
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 === 1 ? level : level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length;) {
      if (runs[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
}
