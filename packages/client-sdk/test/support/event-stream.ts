/**
 * The body of a faked `text/event-stream` response, written a chunk at a time like a socket.
 *
 * It hands out a chunk only when the reader asks for one (highWaterMark 0, pull), so `cut()`
 * breaks the stream exactly after everything written so far has been read: the reader sees
 * the same "all sent, then the connection drops" a cut TCP socket gives, with no timing.
 * An aborted request errors the body as fetch does (a mocked Response is not tied to the
 * request's signal by itself).
 */
export class EventStreamBody {
  readonly stream: ReadableStream<Uint8Array>;
  private readonly queue: Uint8Array[] = [];
  private state: 'open' | 'ended' | 'cut' = 'open';
  private wake: (() => void) | undefined;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly encoder = new TextEncoder();

  constructor(signal: AbortSignal, onGone: () => void) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: async (controller) => {
          while (!this.queue.length && this.state === 'open') {
            await new Promise<void>((resolve) => (this.wake = resolve));
          }
          const chunk = this.queue.shift();
          if (chunk) controller.enqueue(chunk);
          else if (this.state === 'cut') {
            controller.error(new TypeError('terminated'));
            onGone();
          } else controller.close();
        },
        cancel: onGone,
      },
      { highWaterMark: 0 },
    );
    signal.addEventListener('abort', () => {
      this.state = 'cut';
      this.controller.error(signal.reason);
      onGone();
    });
  }

  get open(): boolean {
    return this.state === 'open';
  }

  /** Queues `text`, split into writes of `bytesPerWrite` bytes when that is set. */
  write(text: string, bytesPerWrite = 0): void {
    if (!this.open) return;
    const bytes = this.encoder.encode(text);
    const n = bytesPerWrite || bytes.length;
    for (let i = 0; i < bytes.length; i += n) this.queue.push(bytes.subarray(i, i + n));
    this.poke();
  }

  /** Ends the body normally once what was written has been read. */
  end(): void {
    if (this.open) this.state = 'ended';
    this.poke();
  }

  /** Breaks the connection once what was written has been read. */
  cut(): void {
    if (this.open) this.state = 'cut';
    this.poke();
  }

  private poke(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
