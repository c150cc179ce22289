import type { TemplateResult } from 'lit';
import { parseBlocks } from './parse.js';
import { renderBlock } from './render.js';

/**
 * Renders a message that grows while it streams. A block is final once the first line of
 * the block after it is complete (that line decides where the block ended); final blocks
 * are rendered once and cached, so each new token re-parses only the open tail.
 */
export class IncrementalMarkdown {
  #source = '';
  /** Where the cached blocks end (the start of the first open block) in `#source`. */
  #settledEnd = 0;
  #settled: TemplateResult[] = [];
  #tail: TemplateResult[] = [];
  /** Blocks parsed since creation, for tests of the cache. */
  parsedBlocks = 0;

  /** The templates of `source`, reusing what was settled for the text it extends. */
  update(text: string): TemplateResult[] {
    const source = text.replace(/\r\n?/g, '\n');
    if (source === this.#source) return [...this.#settled, ...this.#tail];
    if (!source.startsWith(this.#source.slice(0, this.#settledEnd))) this.#reset();
    this.#source = source;
    const offset = this.#settledEnd;
    const blocks = parseBlocks(source.slice(offset));
    this.parsedBlocks += blocks.length;
    let open = 0;
    for (; open < blocks.length - 1; open++) {
      const next = blocks[open + 1]!;
      if (!source.includes('\n', offset + next.start)) break;
      this.#settled.push(renderBlock(blocks[open]!.block));
      this.#settledEnd = offset + next.start;
    }
    this.#tail = blocks.slice(open).map((b) => renderBlock(b.block));
    return [...this.#settled, ...this.#tail];
  }

  /** How many blocks are cached. */
  get settledCount(): number {
    return this.#settled.length;
  }

  #reset(): void {
    this.#source = '';
    this.#settledEnd = 0;
    this.#settled = [];
    this.#tail = [];
  }
}

/** Renders a whole message at once (history, finished replies). */
export function renderMarkdown(source: string): TemplateResult[] {
  return parseBlocks(source).map((b) => renderBlock(b.block));
}
