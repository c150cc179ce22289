import type { HttpClient } from '../core/http.js';
import { listPages, MessageHistoryPage, type PagePromise } from '../core/pagination.js';
import { uuid } from '../core/uuid.js';
import { ChatStream, type ChatStreamOptions, type ReplyConnection } from '../lib/chat-stream.js';
import type {
  Message,
  MessageListParams,
  MessageResumeParams,
  MessageSendParams,
  MessageStreamParams,
  RequestOptions,
  SendResult,
} from '../types.js';

/** `/chat/messages`: send, stream, stop and resume replies, and read a session's history. */
export class Messages {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Sends a message and waits for the whole reply. */
  send(params: MessageSendParams, options?: RequestOptions): Promise<SendResult> {
    return this.#http.request({ ...options, ...this.#sendRequest(params) });
  }

  /** Sends a message and streams the reply as it is written. */
  stream({ signal, ...params }: MessageStreamParams): ChatStream {
    const request = { ...this.#sendRequest(params), query: { stream: true }, stream: true };
    return this.#reply({ signal }, (signal) => this.#http.request({ ...request, signal }));
  }

  /** Re-attaches to a reply (still streaming or finished), from after `lastEventId` when given. */
  resume(messageId: string, { lastEventId, signal }: MessageResumeParams = {}): ChatStream {
    return this.#reply({ messageId, lastEventId, signal });
  }

  /** Stops a reply still streaming; the partial text is kept. A finished one comes back unchanged. */
  stop(messageId: string, options?: RequestOptions): Promise<Message> {
    return this.#http.request({
      ...options,
      method: 'POST',
      path: `/chat/messages/${encodeURIComponent(messageId)}/stop`,
    });
  }

  /** The newest messages of a session (chronological); iterating walks on into older pages. */
  list(
    sessionId: string,
    query: MessageListParams = {},
    options?: RequestOptions,
  ): PagePromise<MessageHistoryPage, Message> {
    return listPages(MessageHistoryPage, (params) =>
      this.#http.request({
        ...options,
        path: `/chat/messages/${encodeURIComponent(sessionId)}`,
        query: { ...query, ...params },
      }),
    );
  }

  #sendRequest({ sessionId, content, clientMessageId = uuid() }: MessageSendParams) {
    return {
      method: 'POST',
      path: '/chat/messages',
      body: { session_id: sessionId, content, client_message_id: clientMessageId },
    };
  }

  #reply(options: ChatStreamOptions, send?: ReplyConnection['send']): ChatStream {
    return new ChatStream(
      {
        send,
        attach: (messageId, lastEventId, signal) =>
          this.#http.request({
            path: `/chat/messages/${encodeURIComponent(messageId)}/stream`,
            headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
            stream: true,
            signal,
          }),
        stop: (messageId) => this.stop(messageId),
      },
      options,
    );
  }
}
