/**
 * At most `size` files decoded or parsed at once, the rest waiting their turn (on disk, where the
 * upload put them): what re-encoding an image or reading a PDF holds in memory is then bounded by
 * the slots, not by how many uploads arrive together.
 */
export class ProcessingSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
