/** A piece of a search snippet: marked (a match) or not. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Cuts `snippet` at `highlights`, `[start, end)` offsets in Unicode code points (as the server
 * counts them, not UTF-16 units), into plain and marked parts. Offsets out of order, overlapping
 * or past the end are clamped, so a bad range can never repeat or lose text.
 */
export function snippetParts(snippet: string, highlights: readonly number[][]): SnippetPart[] {
  const points = Array.from(snippet);
  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, marked: boolean) => {
    if (to > from) parts.push({ text: points.slice(from, to).join(''), marked });
  };
  let at = 0;
  for (const [start = 0, end = 0] of highlights) {
    const from = Math.min(Math.max(start, at), points.length);
    const to = Math.min(Math.max(end, from), points.length);
    push(at, from, false);
    push(from, to, true);
    at = to;
  }
  push(at, points.length, false);
  return parts;
}
