/**
 * The inline half of the chat Markdown parser: emphasis, strong, inline code, links (only
 * http:, https: and mailto: survive) and bare URLs, as a tree of strings and nodes.
 */

export type Inline =
  | string
  | { type: 'code'; text: string }
  | { type: 'em' | 'strong'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

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
