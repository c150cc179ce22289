import type { HttpClient, HttpRequest } from '../core/http.js';
import { listPages, MessageHistoryPage, type PagePromise } from '../core/pagination.js';
import { uuid } from '../core/uuid.js';
import { ChatStream, type ChatStreamOptions, type ReplyConnection } from '../lib/chat-stream.js';
import type {
  FeedbackParams,
  Message,
  MessageListParams,
  MessageRegenerateParams,
  MessageResumeParams,
  MessageSendParams,
  MessageStreamParams,
  RequestOptions,
  SendResult,
} from '../types.js';

/** `/chat/messages`: send, stream, regenerate, stop and resume replies, rate them, read history. */
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
    return this.#streamed(this.#sendRequest(params), signal);
  }

  /**
   * Asks for another answer to the user message that reply `messageId` answers: a sibling reply,
   * which becomes the current leaf. Streams it with `{ stream: true }`, else waits for it.
   */
  regenerate(messageId: string, params: MessageRegenerateParams & { stream: true }): ChatStream;
  regenerate(
    messageId: string,
    params?: MessageRegenerateParams & { stream?: false },
    options?: RequestOptions,
  ): Promise<SendResult>;
  regenerate(
    messageId: string,
    params?: MessageRegenerateParams,
    options?: RequestOptions,
  ): ChatStream | Promise<SendResult>;
  regenerate(
    messageId: string,
    { stream, signal, clientMessageId = uuid() }: MessageRegenerateParams = {},
    options?: RequestOptions,
  ): ChatStream | Promise<SendResult> {
    const request = {
      method: 'POST',
      path: `/chat/messages/${encodeURIComponent(messageId)}/regenerate`,
      body: { client_message_id: clientMessageId },
    };
    return stream
      ? this.#streamed(request, signal)
      : this.#http.request({ signal, ...options, ...request });
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

  /** Rates a reply, replacing any rating given before; resolves with the reply. */
  setFeedback(
    messageId: string,
    feedback: FeedbackParams,
    options?: RequestOptions,
  ): Promise<Message> {
    return this.#http.request({
      ...options,
      method: 'PUT',
      path: `/chat/messages/${encodeURIComponent(messageId)}/feedback`,
      body: feedback,
    });
  }

  /** Removes the rating of a reply (also when it had none). */
  clearFeedback(messageId: string, options?: RequestOptions): Promise<void> {
    return this.#http.request({
      ...options,
      method: 'DELETE',
      path: `/chat/messages/${encodeURIComponent(messageId)}/feedback`,
    });
  }

  /**
   * The newest messages of the current branch (chronological), or of the branch through `leaf`;
   * iterating walks on into older pages of the same branch.
   */
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

  #sendRequest({
    sessionId,
    content,
    attachmentIds,
    clientMessageId = uuid(),
    parentId,
  }: MessageSendParams) {
    return {
      method: 'POST',
      path: '/chat/messages',
      // JSON drops an undefined parent_id and keeps null: absent and null mean different things.
      body: {
        session_id: sessionId,
        content,
        attachment_ids: attachmentIds,
        client_message_id: clientMessageId,
        parent_id: parentId,
      },
    };
  }

  /** A ChatStream over `request` sent as a stream; a retry sends it again, key and all. */
  #streamed(request: HttpRequest, signal: AbortSignal | undefined): ChatStream {
    return this.#reply({ signal }, (signal) =>
      this.#http.request({ ...request, query: { stream: true }, stream: true, signal }),
    );
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
