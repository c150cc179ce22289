/** What a message's text is drawn as: its lines, code fenced in ``` or ~~~ set apart. */
export type Block =
  { kind: 'paragraph'; text: string } | { kind: 'code'; lines: string[] } | { kind: 'gap' };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TAB_STOP = 4;

/**
 * Splits a message at line feeds (each line is a paragraph: chat text breaks lines on purpose)
 * and at code fences, whose own lines are markup and are not drawn. A fence left open runs to
 * the end of the message, as in CommonMark.
 */
export function messageBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  let code: { lines: string[]; fence: string } | null = null;
  for (const raw of content.replace(/\r\n?/g, '\n').split('\n')) {
    const line = withoutControls(expandTabs(raw));
    const fence = FENCE.exec(line)?.[1];
    if (code) {
      if (
        fence &&
        fence[0] === code.fence[0] &&
        fence.length >= code.fence.length &&
        isBareFence(line)
      ) {
        blocks.push({ kind: 'code', lines: code.lines });
        code = null;
      } else {
        code.lines.push(line);
      }
    } else if (fence) {
      code = { lines: [], fence };
    } else if (line.trim() === '') {
      if (blocks.length > 0 && blocks[blocks.length - 1]!.kind !== 'gap')
        blocks.push({ kind: 'gap' });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  if (code) blocks.push({ kind: 'code', lines: code.lines });
  while (blocks[blocks.length - 1]?.kind === 'gap') blocks.pop();
  return blocks;
}

function isBareFence(line: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})\s*$/.test(line);
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const char of line) {
    out += char === '\t' ? ' '.repeat(TAB_STOP - (out.length % TAB_STOP)) : char;
  }
  return out;
}

/** C0/C1 controls have no glyph in any font and mean nothing on paper. */
function withoutControls(line: string): string {
  return line.replace(/\p{Cc}/gu, '');
}
