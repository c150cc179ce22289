import type { Readable } from 'node:stream';

/**
 * Carries pdfkit's output to the caller's stream with backpressure. The document is read
 * explicitly after each message (rather than left flowing, which needs event-loop turns a run
 * of already-loaded messages never gives), and the writer waits at `flush()` while `out` is
 * full, so a slow reader holds the export back instead of the PDF piling up in memory.
 */
export class PdfOutput {
  #failure: Error | null = null;

  constructor(
    private readonly doc: Readable,
    private readonly out: NodeJS.WritableStream,
  ) {
    out.on('error', (error: Error) => (this.#failure ??= error));
    out.on(
      'close',
      () => (this.#failure ??= new Error('the PDF output was closed before the end')),
    );
  }

  /** Hands on what pdfkit has written so far. */
  async flush(): Promise<void> {
    if (this.#failure) throw this.#failure;
    let full = false;
    for (let chunk: unknown; (chunk = this.doc.read()) !== null;) {
      if (!this.out.write(chunk as Buffer)) full = true;
    }
    if (full) await this.#until('drain');
  }

  /** After `doc.end()`: resolves once `out` has every byte and has finished. */
  async finish(): Promise<void> {
    const ended = new Promise((resolve, reject) => {
      this.doc.once('end', resolve);
      this.doc.once('error', reject);
    });
    this.doc.on('data', (chunk: Buffer) => this.out.write(chunk));
    await ended;
    await this.#until('finish', () => this.out.end());
  }

  #until(event: 'drain' | 'finish', start?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      const done = () => {
        this.out.off('error', failed);
        this.out.off('close', failed);
        resolve();
      };
      const failed = () => {
        this.out.off(event, done);
        reject(this.#failure ?? new Error('the PDF output was closed before the end'));
      };
      this.out.once(event, done);
      this.out.once('error', failed);
      this.out.once('close', failed);
      start?.();
    });
  }
}
