/**
 * A small Markdown parser for chat replies: paragraphs, headings, fenced code, lists,
 * block quotes, rules, emphasis, strong, inline code and links. It produces a tree, never
 * HTML: raw HTML in a message stays text, and only http:, https: and mailto: links survive.
 */

export type Inline =
  | string
  | { type: 'code'; text: string }
  | { type: 'em' | 'strong'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

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

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalized URL if it is an absolute http:, https: or mailto: URL, else null. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>~|]/;
const BARE_URL = /^https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/;

/** Parses the inline content of a block. */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const rest = src.slice(i);
    if (ch === '\\' && ESCAPABLE.test(src[i + 1] ?? '')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      push({ type: 'br' });
      i++;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(rest)![0];
      const close = src.indexOf(run, i + run.length);
      if (close > 0) {
        push({
          type: 'code',
          text: src
            .slice(i + run.length, close)
            .replace(/\n/g, ' ')
            .trim(),
        });
        i = close + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    if ((ch === '*' || ch === '_') && src[i + 1] === ch) {
      const marker = ch + ch;
      const close = src.indexOf(marker, i + 2);
      if (close > i + 2 && !/\s/.test(src[i + 2]!) && !/\s/.test(src[close - 1]!)) {
        push({ type: 'strong', children: parseInline(src.slice(i + 2, close)) });
        i = close + 2;
        continue;
      }
    } else if (ch === '*' || ch === '_') {
      const close = findEmphasisClose(src, i, ch);
      if (close > 0) {
        push({ type: 'em', children: parseInline(src.slice(i + 1, close)) });
        i = close + 1;
        continue;
      }
    }
    if (ch === '[') {
      const link = readLink(src, i);
      if (link) {
        const children = parseInline(link.label);
        if (link.href) push({ type: 'link', href: link.href, children });
        else {
          // An unsafe or relative target: keep the label, drop the link.
          flush();
          out.push(...children);
        }
        i = link.end;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && !/\w/.test(src[i - 1] ?? '')) {
      const url = BARE_URL.exec(rest)?.[0];
      const href = url && safeHref(url);
      if (url && href) {
        push({ type: 'link', href, children: [url] });
        i += url.length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

function findEmphasisClose(src: string, i: number, marker: string): number {
  const next = src[i + 1];
  if (next === undefined || /\s/.test(next)) return -1;
  // `snake_case_words` are not emphasis.
  if (marker === '_' && /\w/.test(src[i - 1] ?? '')) return -1;
  for (let j = i + 2; j < src.length; j++) {
    if (src[j] === '\n' && src[j + 1] === '\n') return -1;
    if (src[j] !== marker || src[j + 1] === marker || src[j - 1] === marker) continue;
    if (/\s/.test(src[j - 1]!)) continue;
    if (marker === '_' && /\w/.test(src[j + 1] ?? '')) continue;
    return j;
  }
  return -1;
}

function readLink(
  src: string,
  i: number,
): { label: string; href: string | null; end: number } | null {
  let depth = 0;
  let j = i;
  for (; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '[') depth++;
    else if (src[j] === ']' && --depth === 0) break;
  }
  if (j >= src.length || src[j + 1] !== '(') return null;
  const target = /^\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+"[^"]*")?\s*\)/.exec(
    src.slice(j + 1),
  );
  if (!target) return null;
  const url = target[1]!.replace(/^<|>$/g, '');
  return { label: src.slice(i + 1, j), href: safeHref(url), end: j + 1 + target[0].length };
}
