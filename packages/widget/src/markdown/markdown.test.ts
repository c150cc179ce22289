import { nothing, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown, renderMarkdown } from './incremental.js';
import { parseInline, safeHref } from './inline.js';
import { parseBlocks, type Block } from './parse.js';

/**
 * Serializes Lit templates the way Lit fills them in: values only ever become escaped
 * text or attribute values, never markup. Every static string is checked to come from
 * the renderer, not from the message.
 */
function toHtml(value: unknown, statics: string[] = []): string {
  if (value === nothing || value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toHtml(v, statics)).join('');
  if (typeof value === 'object' && 'strings' in (value as object)) {
    const { strings, values } = value as TemplateResult;
    statics.push(...strings);
    return strings.reduce((out, s, i) => {
      if (i === 0) return s;
      const v = values[i - 1];
      const inAttribute = /=$/.test(out);
      return out + (inAttribute ? `"${escape(String(v))}"` : toHtml(v, statics)) + s;
    }, '');
  }
  return escape(String(value));
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function render(markdown: string) {
  const statics: string[] = [];
  const html = toHtml(renderMarkdown(markdown), statics).replace(/\s+/g, ' ');
  return { html, statics: statics.join('') };
}

const blocks = (src: string): Block[] => parseBlocks(src).map((b) => b.block);

describe('parseBlocks', () => {
  it('reads paragraphs, headings, lists, quotes, rules and fenced code', () => {
    const src = [
      '# Title',
      '',
      'Some *soft* and **strong** text',
      'on two lines.',
      '',
      '- one',
      '- two',
      '  continued',
      '',
      '3. three',
      '4. four',
      '',
      '> quoted',
      '',
      '---',
      '',
      '```ts',
      'const a = 1;',
      '',
      'const b = 2;',
      '```',
    ].join('\n');
    expect(blocks(src).map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'quote',
      'rule',
      'code',
    ]);
    const [, , bullets, ordered, , , code] = blocks(src);
    expect(bullets).toMatchObject({
      ordered: false,
      items: [['one'], ['two', { type: 'br' }, 'continued']],
    });
    expect(ordered).toMatchObject({ ordered: true, start: 3 });
    expect(code).toEqual({ type: 'code', lang: 'ts', text: 'const a = 1;\n\nconst b = 2;' });
  });

  it('keeps an unclosed fence open to the end (while it streams)', () => {
    expect(blocks('```\nline\n# not a heading')).toEqual([
      { type: 'code', lang: '', text: 'line\n# not a heading' },
    ]);
  });
});

describe('parseInline', () => {
  it('reads emphasis, strong, code, links and line breaks', () => {
    expect(parseInline('a *b* **c** `d` [e](https://x.test/) f\ng')).toEqual([
      'a ',
      { type: 'em', children: ['b'] },
      ' ',
      { type: 'strong', children: ['c'] },
      ' ',
      { type: 'code', text: 'd' },
      ' ',
      { type: 'link', href: 'https://x.test/', children: ['e'] },
      ' f',
      { type: 'br' },
      'g',
    ]);
  });

  it('leaves snake_case and lone markers alone', () => {
    expect(parseInline('snake_case_name and 2 * 3 * 4')).toEqual(['snake_case_name and 2 * 3 * 4']);
  });

  it('links bare http(s) URLs', () => {
    expect(parseInline('see https://example.com/a.')).toEqual([
      'see ',
      { type: 'link', href: 'https://example.com/a', children: ['https://example.com/a'] },
      '.',
    ]);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.com/x', 'https://example.com/x'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:hi@example.com', 'mailto:hi@example.com'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    [' \tjava\nscript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['&#106;avascript:alert(1)', null],
    ['&#x6A;avascript:alert(1)', null],
    ['javascript&colon;alert(1)', null],
    ['\u0000javascript:alert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', null],
    ['vbscript:msgbox(1)', null],
    ['file:///etc/passwd', null],
    ['/relative/path', null],
    ['//evil.example/x', null],
  ])('%j → %j', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });
});

describe('rendering is safe', () => {
  const corpus = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><script>alert(2)</script></svg>',
    '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](<javascript:alert(1)>)',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](https://ok.example/"onmouseover="alert(1))',
    '![x](https://example.com/a.png" onerror="alert(1))',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '`<img src=x onerror=alert(1)>`',
    '```\n<script>alert(1)</script>\n```',
    '**<b onclick=alert(1)>bold</b>**',
    '- <script>alert(1)</script>\n- [y](vbscript:x)',
    '# <img src=x onerror=alert(1)>',
    '> <script>alert(1)</script>',
  ];

  it.each(corpus)('%j stays text', (payload) => {
    const { html, statics } = render(payload);
    expect(html).not.toMatch(/<(script|img|svg|iframe|math|style|animate|b)\b/i);
    // Inside a real tag (text `<` is escaped), no event handler attribute.
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
    // No part of the message ever became part of a template's static markup.
    expect(statics).not.toMatch(/alert|onerror|script:/i);
  });

  it('shows raw HTML as visible text', () => {
    expect(render('<b>hi</b> there').html).toContain('&lt;b&gt;hi&lt;/b&gt; there');
  });

  it('renders allowed links with rel=noopener', () => {
    const { html } = render('[docs](https://example.com/docs) [mail](mailto:a@b.example)');
    expect(html).toContain('href="https://example.com/docs"');
    expect(html).toContain('href="mailto:a@b.example"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('keeps the label of a link whose target is refused, as text', () => {
    const { html } = render('[click me](javascript:alert(1))');
    expect(html).toContain('click me');
    expect(html).not.toContain('<a');
  });
});

describe('IncrementalMarkdown', () => {
  const doc = Array.from({ length: 20 }, (_, i) =>
    i % 4 === 3 ? `\`\`\`\ncode ${i}\n\`\`\`` : `Paragraph ${i} with **bold** text.`,
  ).join('\n\n');

  it('renders the same as a whole parse at every step of a stream', () => {
    const md = new IncrementalMarkdown();
    for (let end = 1; end <= doc.length; end += 3) {
      const partial = doc.slice(0, end);
      expect(toHtml(md.update(partial))).toBe(toHtml(renderMarkdown(partial)));
    }
    expect(toHtml(md.update(doc))).toBe(toHtml(renderMarkdown(doc)));
  });

  it('parses only the open tail per token, not the whole message', () => {
    const md = new IncrementalMarkdown();
    const tokens = doc.match(/[\s\S]{1,4}/g)!;
    let text = '';
    for (const token of tokens) md.update((text += token));
    expect(md.settledCount).toBe(19);
    // Re-parsing everything per token would be ~tokens × blocks / 2 parsed blocks.
    expect(md.parsedBlocks).toBeLessThan(tokens.length * 2.5);
    expect(md.parsedBlocks).toBeLessThan((tokens.length * 20) / 4);
  });

  it('reuses the cached templates of settled blocks', () => {
    const md = new IncrementalMarkdown();
    const first = md.update('One.\n\nTwo.\n\nThr');
    expect(md.settledCount).toBe(1);
    const second = md.update('One.\n\nTwo.\n\nThree\n');
    expect(second[0]).toBe(first[0]);
    // "Three" is now a complete line, so "Two." is known to have ended.
    expect(md.settledCount).toBe(2);
    const third = md.update('One.\n\nTwo.\n\nThree\n\nFour\n');
    expect(md.settledCount).toBe(3);
    expect(third[0]).toBe(first[0]);
  });

  it('starts over when the text is replaced rather than extended', () => {
    const md = new IncrementalMarkdown();
    md.update('First.\n\nSecond.\n\nThird');
    expect(toHtml(md.update('Other.'))).toBe(toHtml(renderMarkdown('Other.')));
  });
});
