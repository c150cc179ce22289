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
