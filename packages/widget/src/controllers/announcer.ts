/** The end of the last whole sentence in `text` (0 if none is finished yet). */
export function lastSentenceEnd(text: string): number {
  let end = 0;
  for (const match of text.matchAll(/[.!?…。](?=\s)|\n/g)) end = match.index + match[0].length;
  return end;
}

/** Text of a Markdown fragment as a screen reader should hear it. */
export function spoken(markdown: string): string {
  return markdown
    .replace(/```[\w+#.-]*|[`*_#>~]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a streaming reply has to say through the live region: each newly finished sentence
 * as it arrives, then the rest when the reply ends, never a part twice.
 */
export class ReplyAnnouncer {
  /** How much of the reply's text has been announced. */
  #announced = 0;

  /** A new reply starts. */
  reset(): void {
    this.#announced = 0;
  }

  /** The sentences of `content` finished since the last call, or null when none is. */
  sentences(content: string): string | null {
    const pending = content.slice(this.#announced);
    const end = lastSentenceEnd(pending);
    if (!end) return null;
    this.#announced += end;
    return spoken(pending.slice(0, end));
  }

  /** Whatever of `content` is not announced yet, or null when nothing is. */
  rest(content: string): string | null {
    const rest = spoken(content.slice(this.#announced));
    this.#announced = content.length;
    return rest || null;
  }
}
