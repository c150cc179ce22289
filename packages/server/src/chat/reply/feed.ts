import type { ReplyEvent } from './events.js';
import { isTerminal } from './events.js';

/**
 * One subscriber's view of a reply, taken at the subscriber's own pace: handed to a sink while it
 * keeps up (`drainTo`), or pulled by async iteration. While the subscriber is slow, queued deltas
 * are merged into one, so a slow client costs memory for text, not for events.
 */
export class ReplyFeed implements AsyncIterable<ReplyEvent> {
  private readonly queue: ReplyEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private readonly closeHandlers: Array<() => void> = [];
  private sink: ((event: ReplyEvent) => boolean) | undefined;
  private sinkBackedUp = false;

  /** Events after this offset are new to the subscriber; earlier text is dropped or trimmed. */
  constructor(private deliveredOffset: number) {}

  push(event: ReplyEvent): void {
    if (this.ended) return;
    if (event.type === 'delta') {
      const delta = this.trimDelivered(event);
      if (!delta) return;
      const last = this.queue.at(-1);
      if (last?.type === 'delta') {
        last.text += delta.text;
        last.offset = delta.offset;
      } else {
        this.queue.push(delta);
      }
    } else {
      this.queue.push(event);
      this.ended = true;
    }
    if (this.sink) this.feedSink();
    else this.wake?.();
  }

  /**
   * Hands events to `sink` as they come, with no promise per event. When the sink answers false
   * (its buffer is full), events wait, merged, until `resume()`.
   */
  drainTo(sink: (event: ReplyEvent) => boolean): void {
    this.sink = sink;
    this.feedSink();
  }

  /** The sink has room again. */
  resume(): void {
    this.sinkBackedUp = false;
    this.feedSink();
  }

  private feedSink(): void {
    while (this.sink && !this.sinkBackedUp && this.queue.length > 0) {
      if (!this.sink(this.queue.shift()!)) this.sinkBackedUp = true;
    }
  }

  /** The subscriber went away: stop listening. */
  close(): void {
    this.ended = true;
    this.queue.length = 0;
    this.wake?.();
    for (const handler of this.closeHandlers.splice(0)) handler();
  }

  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  private trimDelivered(event: Extract<ReplyEvent, { type: 'delta' }>) {
    if (event.offset <= this.deliveredOffset) return undefined;
    const start = event.offset - event.text.length;
    const text =
      start < this.deliveredOffset ? event.text.slice(this.deliveredOffset - start) : event.text;
    this.deliveredOffset = event.offset;
    return { ...event, text };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ReplyEvent> {
    try {
      for (;;) {
        const next = this.queue.shift();
        if (next) {
          yield next;
          if (isTerminal(next)) return;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      this.close();
    }
  }
}
