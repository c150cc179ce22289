/** A line of a paragraph: `[start, end)`, trailing spaces included. */
export interface LineRange {
  start: number;
  end: number;
}

/** Width in points of `text.slice(start, end)` as it will be drawn. */
export type Measure = (start: number, end: number) => number;

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Chinese and Japanese break between characters; Korean, like Latin, at spaces. */
const BREAKS_ANYWHERE =
  /[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
/** No line may start with these (closing punctuation, small kana), nor end with the openers. */
const NO_BREAK_BEFORE =
  /^[\s,.!?:;)\]}、。，．：；！？）〕］｝〉》」』】〙〗ーゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々・…‥]/u;
const NO_BREAK_AFTER = /[([{（〔［｛〈《「『【〘〖]$/u;
const SPACE_AT_END = /\s+$/u;

interface Unit {
  start: number;
  /** Where the unit's trailing whitespace starts. */
  contentEnd: number;
  end: number;
}

/** Greedy line filling at word breaks (ideographs break anywhere); a word too long is split. */
export function breakLines(text: string, maxWidth: number, measure: Measure): LineRange[] {
  const lines: LineRange[] = [];
  let lineStart = 0;
  let width = 0;
  for (const unit of breakUnits(text)) {
    const contentWidth = measure(unit.start, unit.contentEnd);
    if (unit.start > lineStart && width + contentWidth > maxWidth) {
      lines.push({ start: lineStart, end: unit.start });
      lineStart = unit.start;
      width = 0;
    }
    if (unit.start === lineStart && contentWidth > maxWidth) {
      const split = splitLongUnit(text, unit, maxWidth, measure);
      lines.push(...split.full);
      lineStart = split.rest.start;
      width = measure(split.rest.start, unit.contentEnd);
    } else {
      width += contentWidth;
    }
    width += measure(unit.contentEnd, unit.end);
  }
  if (lineStart < text.length || lines.length === 0)
    lines.push({ start: lineStart, end: text.length });
  return lines;
}

function* breakUnits(text: string): Generator<Unit> {
  if (!BREAKS_ANYWHERE.test(text)) {
    // Without ideographs a line breaks only after spaces (fast: most text is like this)
    for (const match of text.matchAll(/\s*\S+\s*|\s+/gu)) {
      yield unitOf(text, match.index, match.index + match[0].length);
    }
    return;
  }
  let start = 0;
  let previous = '';
  for (const { segment, index } of words.segment(text)) {
    if (index > start && mayBreakBetween(previous, segment)) {
      yield unitOf(text, start, index);
      start = index;
    }
    previous = segment;
  }
  if (start < text.length) yield unitOf(text, start, text.length);
}

function mayBreakBetween(before: string, after: string): boolean {
  if (NO_BREAK_BEFORE.test(after) || NO_BREAK_AFTER.test(before)) return false;
  if (/\s$/u.test(before)) return true;
  return BREAKS_ANYWHERE.test(before.slice(-2)) || BREAKS_ANYWHERE.test(after.slice(0, 2));
}

function unitOf(text: string, start: number, end: number): Unit {
  const space = SPACE_AT_END.exec(text.slice(start, end));
  return { start, contentEnd: space ? end - space[0].length : end, end };
}

/** Splits between grapheme clusters: whole lines, and the part that starts the next line. */
function splitLongUnit(
  text: string,
  unit: Unit,
  maxWidth: number,
  measure: Measure,
): { full: LineRange[]; rest: LineRange } {
  const full: LineRange[] = [];
  let lineStart = unit.start;
  let width = 0;
  for (const { segment, index } of graphemes.segment(text.slice(unit.start, unit.contentEnd))) {
    const at = unit.start + index;
    const graphemeWidth = measure(at, at + segment.length);
    if (at > lineStart && width + graphemeWidth > maxWidth) {
      full.push({ start: lineStart, end: at });
      lineStart = at;
      width = 0;
    }
    width += graphemeWidth;
  }
  return { full, rest: { start: lineStart, end: unit.end } };
}
