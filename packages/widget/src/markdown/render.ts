import { html, nothing, type TemplateResult } from 'lit';
import type { Inline } from './inline.js';
import type { Block } from './parse.js';

/*
 * Every template below is a literal in this file: message text only ever reaches the DOM
 * as a Lit text binding or as an href already checked by safeHref(), so nothing in a
 * message can become markup or script.
 */

type Content = TemplateResult | string | typeof nothing;

export function renderInline(nodes: Inline[]): Content[] {
  return nodes.map(renderInlineNode);
}

function renderInlineNode(node: Inline): Content {
  if (typeof node === 'string') return node;
  switch (node.type) {
    case 'br':
      return html`<br />`;
    case 'code':
      return html`<code part="inline-code">${node.text}</code>`;
    case 'em':
      return html`<em>${renderInline(node.children)}</em>`;
    case 'strong':
      return html`<strong>${renderInline(node.children)}</strong>`;
    case 'link':
      return html`<a
        part="link"
        href=${node.href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        >${renderInline(node.children)}</a
      >`;
  }
}

export function renderBlock(block: Block): TemplateResult {
  switch (block.type) {
    case 'paragraph':
      return html`<p>${renderInline(block.children)}</p>`;
    case 'heading':
      return renderHeading(block.level, renderInline(block.children));
    case 'code':
      return html`<pre part="code-block" tabindex="0" data-lang=${block.lang || nothing}><code
          >${block.text}</code
        ></pre>`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderInline(item)}</li>`);
      return block.ordered
        ? html`<ol start=${block.start === 1 ? nothing : block.start}>
            ${items}
          </ol>`
        : html`<ul>
            ${items}
          </ul>`;
    }
    case 'quote':
      return html`<blockquote>${block.children.map(renderBlock)}</blockquote>`;
    case 'rule':
      return html`<hr />`;
  }
}

/** Markdown `#` is a level-3 heading: the panel title is the level-2 one. */
function renderHeading(level: number, content: Content[]): TemplateResult {
  switch (level) {
    case 1:
      return html`<h3>${content}</h3>`;
    case 2:
      return html`<h4>${content}</h4>`;
    case 3:
      return html`<h5>${content}</h5>`;
    default:
      return html`<h6>${content}</h6>`;
  }
}
