import { NetworkError } from './errors.js';

/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `event` field, `message` when absent. */
  event: string;
  data: string;
  /** The last event id seen so far in the stream (it carries over events without `id`). */
  id: string;
}

/**
 * The event-stream parser of the WHATWG HTML spec (9.2.6), fed bytes in chunks split
 * anywhere: inside a line, a CRLF pair or a multi-byte UTF-8 character.
 */
export class SSEDecoder {
  /** The last valid `retry` field, in milliseconds. */
  declare retry?: number;
  #decoder = new TextDecoder();
  #buffer = '';
  #data = '';
  #type = '';
  #id = '';
  #events: ServerSentEvent[] = [];

  /** Feeds the next chunk; returns the events it completed. */
  decode(chunk: Uint8Array): ServerSentEvent[] {
    return this.#feed(this.#decoder.decode(chunk, { stream: true }));
  }

  /** Ends the stream. An event without its closing blank line is dropped, as the spec says. */
  end(): ServerSentEvent[] {
    const rest = this.#decoder.decode();
    // Only a held CR still ends a line; a last line without its terminator is dropped.
    return this.#feed((this.#buffer + rest).endsWith('\r') ? rest + '\n' : rest);
  }

  #feed(text: string): ServerSentEvent[] {
    // A CR at the very end may be the first half of a CRLF: it stays in the buffer, unsplit.
    const lines = (this.#buffer + text).split(/\r\n|\r(?!$)|\n/);
    this.#buffer = lines.pop()!;
    lines.forEach((line) => this.#line(line));
    return this.#events.splice(0);
  }

  #line(line: string): void {
    if (!line) return this.#dispatch();
    const [field, ...rest] = line.split(':');
    if (!field) return; // a comment
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'data') this.#data += value + '\n';
    else if (field === 'event') this.#type = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = +value;
  }

  #dispatch(): void {
    if (this.#data)
      this.#events.push({
        event: this.#type || 'message',
        data: this.#data.slice(0, -1),
        id: this.#id,
      });
    this.#data = this.#type = '';
  }
}

/** The events of an SSE response body. A broken connection surfaces as `NetworkError`. */
export async function* readEvents(
  body: ReadableStream<Uint8Array>,
  decoder = new SSEDecoder(),
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  try {
    for (;;) {
      const chunk = await reader.read().catch((cause) => {
        throw new NetworkError('Stream interrupted', cause);
      });
      if (chunk.done) return yield* decoder.end();
      yield* decoder.decode(chunk.value);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
