import { AbortError, NetworkError, RepruvError } from '../core/errors.js';
import { onAbort, retryDelay, sleep } from '../core/retry.js';
import { readEvents, type ServerSentEvent } from '../core/sse.js';
import type { ChatStreamEvent, Message, SendResult } from '../types.js';

/** How a ChatStream reaches the server; the messages resource provides it. */
export interface ReplyConnection {
  /** (Re)sends the user message with its fixed client_message_id; absent when resuming. */
  send?(signal: AbortSignal): Promise<Response>;
  /** `GET /chat/messages/{id}/stream`, from after `lastEventId` when given. */
  attach(
    messageId: string,
    lastEventId: string | undefined,
    signal: AbortSignal,
  ): Promise<Response>;
  stop(messageId: string): Promise<unknown>;
}

export interface ChatStreamOptions {
  signal?: AbortSignal | undefined;
  messageId?: string;
  lastEventId?: string | undefined;
}

type EventType = ChatStreamEvent['type'];
type EventOf<K extends EventType> = Extract<ChatStreamEvent, { type: K }>;

/** Reconnections in a row without progress before the stream gives up. */
const MAX_RECONNECTS = 5;

/**
 * One assistant reply as it streams. Iterate it, or listen with `.on()`, or just await
 * `.text()` / `.finalMessage()`. A dropped connection is re-attached from the last event
 * seen, so consumers see one unbroken reply with no text repeated or lost.
 */
export class ChatStream implements AsyncIterable<ChatStreamEvent> {
  /** The assistant message id, once the server has announced it. */
  declare messageId: string | undefined;
  /** The stored user message, once the server has announced it. */
  declare userMessage: Message | undefined;
  readonly #connection: ReplyConnection;
  #lastEventId: string | undefined;
  /** Length of the reply text received so far: delta ids are this offset. */
  #offset: number;
  #controller = new AbortController();
  #events: ChatStreamEvent[] = [];
  #listeners: { [K in EventType]?: ((event: EventOf<K>) => void)[] } = {};
  #ended = false;
  #notify!: () => void;
  #changed = this.#nextChange();
  #done: Promise<Message>;

  constructor(
    connection: ReplyConnection,
    { signal, messageId, lastEventId }: ChatStreamOptions = {},
  ) {
    this.#connection = connection;
    this.messageId = messageId;
    this.#lastEventId = lastEventId;
    this.#offset = parseInt(lastEventId ?? '') || 0;
    onAbort(signal, () => this.abort());
    this.#done = this.#run().finally(() => {
      this.#ended = true;
      this.#notify();
    });
    // Failures reach the caller through iteration, text() or finalMessage(), whichever it uses.
    this.#done.catch(() => {});
  }

  on<K extends EventType>(type: K, listener: (event: EventOf<K>) => void): this {
    ((this.#listeners[type] ??= []) as ((event: EventOf<K>) => void)[]).push(listener);
    return this;
  }

  /** The whole reply text, once complete. */
  text(): Promise<string> {
    return this.#done.then((message) => message.content);
  }

  /** The assistant message as stored when the reply completed. */
  finalMessage(): Promise<Message> {
    return this.#done;
  }

  /** Stops the reply: the fetch is aborted and the server asked to keep the partial text. */
  abort(): void {
    if (this.#ended || this.#controller.signal.aborted) return;
    this.#controller.abort();
    if (this.messageId) this.#connection.stop(this.messageId).catch(() => {});
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    try {
      for (let i = 0; ;) {
        if (i < this.#events.length) yield this.#events[i++]!;
        else if (this.#ended) return void (await this.#done);
        else await this.#changed;
      }
    } finally {
      // Leaving the loop early means the caller no longer wants this reply.
      this.abort();
    }
  }

  async #run(): Promise<Message> {
    const { signal } = this.#controller;
    for (let failures = 0; ;) {
      try {
        const { messageId } = this;
        const res = messageId
          ? await this.#connection.attach(messageId, this.#lastEventId, signal)
          : await this.#connection.send!(signal);
        if (!/event-stream/.test(res.headers.get('content-type') ?? '')) {
          // A repeated send whose reply already finished answers with the stored pair: replay it.
          this.messageId = ((await res.json()) as SendResult).assistant_message.id;
          continue;
        }
        for await (const event of readEvents(res.body!)) {
          const progress = this.#receive(event, res.headers);
          // Aborted by the caller while the last events were in hand: an abort, not a completion.
          if (signal.aborted) throw new AbortError();
          if (typeof progress === 'object') return progress;
          if (progress) failures = 0;
        }
        throw new NetworkError('Stream ended before the reply was complete');
      } catch (err) {
        if (signal.aborted) throw new AbortError();
        if (!(err instanceof NetworkError) || failures >= MAX_RECONNECTS) throw err;
        // Reconnect at once the first time: a dropped socket is likelier than a server down.
        if (failures++) await sleep(retryDelay(failures - 2), signal);
      }
    }
  }

  /** Applies one event: the final Message when complete, else whether it brought anything new. */
  #receive({ event, data, id }: ServerSentEvent, headers: Headers): Message | boolean {
    const payload = JSON.parse(data);
    // `message.created` → `created`, and so on; `error` stays.
    const type = event.replace(/^message\./, '');
    if (type === 'created') {
      if (this.userMessage) return false;
      this.userMessage = payload.user_message;
      this.messageId = payload.assistant_message.id;
    } else if (type === 'delta') {
      const text: string = payload.text;
      const end = /^\d+$/.test(id) ? +id : this.#offset + text.length;
      if (end <= this.#offset) return false;
      // A replayed chunk may overlap what arrived before the drop: keep only its last
      // `end - offset` characters (all of it when it is shorter).
      payload.text = text.slice(this.#offset - end);
      this.#offset = end;
    } else if (type !== 'completed' && type !== 'error') return false;
    this.#emit({ ...payload, type, id });
    // The event has no request_id: the stream's X-Request-Id identifies the request.
    if (type === 'error') throw RepruvError.fromResponse(0, payload, headers);
    if (type === 'completed') return payload.message;
    this.#lastEventId = id;
    return true;
  }

  #emit(event: ChatStreamEvent): void {
    this.#events.push(event);
    this.#listeners[event.type]?.forEach((listener) =>
      (listener as (e: ChatStreamEvent) => void)(event),
    );
    this.#notify();
    this.#changed = this.#nextChange();
  }

  #nextChange(): Promise<void> {
    return new Promise((resolve) => (this.#notify = resolve));
  }
}
