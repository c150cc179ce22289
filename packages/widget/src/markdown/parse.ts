/**
 * A small Markdown parser for chat replies. This file splits a reply into blocks: paragraphs,
 * headings, fenced code, lists, block quotes and rules; `inline.ts` parses the text inside
 * them. It produces a tree, never HTML: raw HTML in a message stays text, and only http:,
 * https: and mailto: links survive.
 */
import { parseInline, type Inline } from './inline.js';

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

/** A block and where its source starts and ends in the text it was parsed from. */
export interface SourceBlock {
  block: Block;
  start: number;
  end: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BLANK = /^[ \t]*$/;

interface Line {
  text: string;
  start: number;
  end: number;
}

function splitLines(src: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = src.indexOf('\n', start);
    const end = nl < 0 ? src.length : nl;
    lines.push({ text: src.slice(start, end), start, end });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

const startsBlock = (text: string) =>
  FENCE.test(text) ||
  HEADING.test(text) ||
  RULE.test(text) ||
  BULLET.test(text) ||
  ORDERED.test(text) ||
  QUOTE.test(text);

/** Splits `src` into blocks, each with its source range. */
export function parseBlocks(src: string): SourceBlock[] {
  const lines = splitLines(src.replace(/\r\n?/g, '\n'));
  const blocks: SourceBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const { text } = line;
    if (BLANK.test(text)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !isClosingFence(lines[j]!.text, marker))
        body.push(lines[j++]!.text);
      const closed = j < lines.length;
      const last = closed ? lines[j]! : lines[j - 1]!;
      blocks.push({
        block: { type: 'code', lang: fence[2] ?? '', text: body.join('\n') },
        start: line.start,
        end: last.end,
      });
      i = closed ? j + 1 : j;
      continue;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      blocks.push({
        block: {
          type: 'heading',
          level: heading[1]!.length,
          children: parseInline(heading[2] ?? ''),
        },
        start: line.start,
        end: line.end,
      });
      i++;
      continue;
    }
    if (RULE.test(text)) {
      blocks.push({ block: { type: 'rule' }, start: line.start, end: line.end });
      i++;
      continue;
    }
    if (QUOTE.test(text)) {
      const inner: string[] = [];
      let j = i;
      while (j < lines.length && QUOTE.test(lines[j]!.text)) {
        inner.push(QUOTE.exec(lines[j]!.text)![1]!);
        j++;
      }
      blocks.push({
        block: { type: 'quote', children: parseBlocks(inner.join('\n')).map((b) => b.block) },
        start: line.start,
        end: lines[j - 1]!.end,
      });
      i = j;
      continue;
    }
    const list = BULLET.test(text) || ORDERED.test(text);
    if (list) {
      const j = readList(lines, i, blocks);
      i = j;
      continue;
    }
    const para: string[] = [];
    let j = i;
    while (
      j < lines.length &&
      !BLANK.test(lines[j]!.text) &&
      (j === i || !startsBlock(lines[j]!.text))
    ) {
      para.push(lines[j]!.text.trim());
      j++;
    }
    blocks.push({
      block: { type: 'paragraph', children: parseInline(para.join('\n')) },
      start: line.start,
      end: lines[j - 1]!.end,
    });
    i = j;
  }
  return blocks;
}

function isClosingFence(text: string, marker: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= marker.length && trimmed === marker[0]!.repeat(trimmed.length);
}

/** One list: items of the same kind, continuation lines, and blank lines between items. */
function readList(lines: Line[], i: number, blocks: SourceBlock[]): number {
  const ordered = ORDERED.test(lines[i]!.text);
  const itemPattern = ordered ? ORDERED : BULLET;
  const start = ordered ? parseInt(ORDERED.exec(lines[i]!.text)![1]!, 10) : 1;
  const items: string[][] = [];
  let j = i;
  let end = lines[i]!.end;
  while (j < lines.length) {
    const text = lines[j]!.text;
    const item = itemPattern.exec(text);
    if (item) {
      items.push([item[ordered ? 2 : 1]!]);
    } else if (BLANK.test(text)) {
      // A blank line continues the list only if another item (or an indented line) follows.
      const next = lines[j + 1]?.text;
      if (next === undefined || !(itemPattern.test(next) || /^ {2,}\S/.test(next))) break;
    } else if (/^\s+\S/.test(text) || !startsBlock(text)) {
      if (!/^\s/.test(text) && BLANK.test(lines[j - 1]!.text)) break;
      items[items.length - 1]!.push(text.trim());
    } else break;
    if (!BLANK.test(text)) end = lines[j]!.end;
    j++;
  }
  blocks.push({
    block: {
      type: 'list',
      ordered,
      start,
      items: items.map((lines) => parseInline(lines.join('\n'))),
    },
    start: lines[i]!.start,
    end,
  });
  return j;
}
