/** When the first text arrived and the gaps between later text chunks, for one streamed response. */
export interface StreamTiming {
  firstTextMs: number;
  gapsMs: number[];
  textChunks: number;
}

/**
 * Times the text-carrying chunks of one response as they are received, whatever reads them:
 * `chunk()` on each one that carries text, `timing()` at the end.
 */
export function chunkTimer(start: number): { chunk(): void; timing(): StreamTiming } {
  let first = Number.NaN;
  let last = Number.NaN;
  const gaps: number[] = [];
  let chunks = 0;
  return {
    chunk() {
      const now = performance.now();
      if (chunks === 0) first = now - start;
      else gaps.push(now - last);
      last = now;
      chunks++;
    },
    timing: () => ({ firstTextMs: first, gapsMs: gaps, textChunks: chunks }),
  };
}

/**
 * Reads a streamed response, timing every read that carries text. `isText` says whether a raw chunk
 * (as received) carries reply text, so the same measure applies to SSE and plain text streams.
 */
export async function timeStream(
  start: number,
  response: Response,
  isText: (chunk: string) => boolean,
): Promise<StreamTiming> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const timer = chunkTimer(start);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (isText(value)) timer.chunk();
  }
  return timer.timing();
}
