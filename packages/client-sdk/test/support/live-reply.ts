import type { Message } from '../../src/types.js';

export type ReplyEvent = { kind: 'delta'; text: string } | { kind: 'end' };

/** A reply being generated; it goes on whether or not anyone is connected. */
export class LiveReply {
  readonly listeners = new Set<(event: ReplyEvent) => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly message: Message,
    private readonly chunks: string[],
    private readonly delayMs: number,
    private readonly failWith: { code: string; message: string } | undefined,
  ) {
    this.schedule();
  }

  get done(): boolean {
    return this.message.status !== 'streaming';
  }

  stop(): void {
    if (this.done) return;
    clearTimeout(this.timer);
    this.finish('stopped');
  }

  get error(): { code: string; message: string } | undefined {
    return this.message.status === 'error' ? this.failWith : undefined;
  }

  /** Resolves once the reply has ended (at once when it already has). */
  ended(): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve) => {
      const onEnd = (event: ReplyEvent) => {
        if (event.kind !== 'end') return;
        this.listeners.delete(onEnd);
        resolve();
      };
      this.listeners.add(onEnd);
    });
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.step(), this.delayMs);
  }

  private step(): void {
    const chunk = this.chunks.shift();
    if (chunk === undefined) return this.finish(this.failWith ? 'error' : 'complete');
    this.message.content += chunk;
    this.listeners.forEach((listener) => listener({ kind: 'delta', text: chunk }));
    this.schedule();
  }

  private finish(status: Message['status']): void {
    this.message.status = status;
    this.message.tokens = this.message.content.length;
    this.message.latency_ms = 5;
    this.listeners.forEach((listener) => listener({ kind: 'end' }));
  }
}
