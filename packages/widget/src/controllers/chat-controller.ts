import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  AbortError,
  NotFoundError,
  RepruvError,
  type ChatStream,
  type RepruvClient,
} from '@repruv/client-sdk';
import { emit } from '../events.js';
import { IncrementalMarkdown } from '../markdown/incremental.js';
import { ReplyAnnouncer } from './announcer.js';
import { ApiClient, type ChatConnection, type SolveChallenge } from './api-client.js';
import { createMessage, fromServer, type ChatMessage } from './chat-message.js';
import { messageFailure } from './message-failure.js';
import { newClientMessageId, readItem, writeItem } from './storage.js';

const PAGE_SIZE = 30;

/**
 * Everything that outlives a render: the API client, the session id (kept in localStorage
 * per site key and host user), the messages, the reply being streamed and what was last
 * announced. A changed identity (`user-id`, site key, API URL) starts over with its own.
 */
export class ChatController implements ReactiveController {
  messages: ChatMessage[] = [];
  sessionId: string | null = null;
  hasMore = false;
  loadingOlder = false;
  /** The reply in progress, if any. */
  stream: ChatStream | null = null;
  /** The latest text for the polite live region. */
  announcement = '';

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #connection: () => ChatConnection;
  readonly #client: ApiClient;
  readonly #announcer = new ReplyAnnouncer();
  #connected: Promise<void> | null = null;
  /** The storage key of the conversation restored last. */
  #restoredKey: string | null = null;

  constructor(
    host: ReactiveControllerHost & EventTarget,
    connection: () => ChatConnection,
    solveChallenge?: SolveChallenge,
  ) {
    this.#host = host;
    this.#connection = connection;
    this.#client = new ApiClient(connection, solveChallenge);
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdate(): void {
    if (this.#connected && this.#sessionKey() !== this.#restoredKey) this.#switchIdentity();
  }

  /** Waiting for the first token of a reply. */
  get waiting(): boolean {
    if (!this.stream) return false;
    const last = this.messages.at(-1);
    return !last || last.role === 'user' || last.content === '';
  }

  /** Restores the stored session (history, and a reply still streaming). Runs once. */
  connect(): Promise<void> {
    return (this.#connected ??= this.#restore());
  }

  /** Sends a message; a `clientMessageId` already in the transcript re-sends that message. */
  async send(content: string, clientMessageId = newClientMessageId()): Promise<void> {
    const text = content.trim();
    if (!text || this.stream) return;
    let user = this.messages.find(
      (m) => m.role === 'user' && m.clientMessageId === clientMessageId,
    );
    if (user) user.status = 'sending';
    else {
      user = createMessage({ role: 'user', content: text, clientMessageId, status: 'sending' });
      this.messages = [...this.messages, user];
    }
    emit(this.#host, 'repruv-message-sent', { content: text, clientMessageId });
    this.#host.requestUpdate();
    try {
      await this.connect();
      const sessionId = await this.#ensureSession();
      const stream = this.#api().messages.stream({ sessionId, content: text, clientMessageId });
      await this.#follow(stream, user, null);
    } catch (error) {
      Object.assign(user, { status: 'failed' }, messageFailure(error));
      this.#fail(error);
    }
  }

  /** Says `text` through the polite live region. */
  announce(text: string): void {
    this.announcement = text;
    this.#host.requestUpdate();
  }

  /** Stops the reply in progress; the server keeps what was written. */
  stop(): void {
    this.stream?.abort();
  }

  /** Sends a failed message again, or regenerates a failed reply, with the same client id. */
  retry(message: ChatMessage): Promise<void> {
    const index = this.messages.indexOf(message);
    const user =
      message.role === 'user'
        ? message
        : this.messages.slice(0, index).findLast((m) => m.role === 'user');
    if (!user) return Promise.resolve();
    if (message.role === 'assistant') this.messages = this.messages.filter((m) => m !== message);
    return this.send(user.content, user.clientMessageId ?? undefined);
  }

  /** Loads the page of messages before the oldest one shown. */
  async loadOlder(): Promise<void> {
    const oldest = this.messages[0]?.id;
    if (!this.hasMore || this.loadingOlder || !this.sessionId || !oldest) return;
    this.loadingOlder = true;
    this.#host.requestUpdate();
    try {
      const page = await this.#api().messages.list(this.sessionId, {
        limit: PAGE_SIZE,
        before: oldest,
      });
      this.messages = [...page.data.map(fromServer), ...this.messages];
      this.hasMore = page.has_more;
    } catch (error) {
      this.#fail(error);
    } finally {
      this.loadingOlder = false;
      this.#host.requestUpdate();
    }
  }

  /** Forgets the current conversation; the next message starts a new session. */
  newSession(): void {
    this.stream?.abort();
    this.stream = null;
    this.messages = [];
    this.hasMore = false;
    this.sessionId = null;
    writeItem(this.#sessionKey(), '');
    this.#host.requestUpdate();
  }

  /** Another visitor now: the previous one's conversation goes, the new one's is restored. */
  #switchIdentity(): void {
    this.stream?.abort();
    this.stream = null;
    this.messages = [];
    this.hasMore = false;
    this.sessionId = null;
    this.#connected = null;
    void this.connect();
  }

  async #restore(): Promise<void> {
    const key = this.#sessionKey();
    this.#restoredKey = key;
    const stored = readItem(key);
    // '' is "new chat" chosen here; nothing stored is a device that has not chatted yet.
    this.sessionId = stored === null ? await this.#latestSession() : stored || null;
    if (this.#restoredKey !== key) return;
    if (this.sessionId) {
      try {
        const page = await this.#api().messages.list(this.sessionId, { limit: PAGE_SIZE });
        if (this.#restoredKey !== key) return;
        this.messages = [...page.data.map(fromServer), ...this.messages];
        this.hasMore = page.has_more;
      } catch (error) {
        if (this.#restoredKey !== key) return;
        if (!(error instanceof NotFoundError)) this.#fail(error);
        this.sessionId = null;
        writeItem(key, null);
      }
    }
    emit(this.#host, 'repruv-ready', { sessionId: this.sessionId });
    this.#host.requestUpdate();
    const live = this.messages.findLast((m) => m.status === 'streaming');
    if (live?.id && !this.stream) {
      live.content = '';
      live.markdown = new IncrementalMarkdown();
      void this.#follow(this.#api().messages.resume(live.id), null, live).catch((error) =>
        this.#fail(error),
      );
    }
  }

  /** A host user new to this device carries on with their latest conversation from elsewhere. */
  async #latestSession(): Promise<string | null> {
    if (!this.#connection().userId) return null;
    try {
      const page = await this.#api().sessions.list({ limit: 1 });
      const latest = page.data.find((session) => session.status === 'active');
      return latest?.id ?? null;
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  async #ensureSession(): Promise<string> {
    if (this.sessionId) return this.sessionId;
    const { mode } = this.#connection();
    const session = await this.#api().sessions.create(mode ? { mode } : {});
    this.sessionId = session.id;
    writeItem(this.#sessionKey(), session.id);
    emit(this.#host, 'repruv-session-created', { session });
    return session.id;
  }

  /** Applies a reply's events to the transcript until it completes, stops or fails. */
  async #follow(
    stream: ChatStream,
    user: ChatMessage | null,
    reply: ChatMessage | null,
  ): Promise<void> {
    this.stream = stream;
    this.#announcer.reset();
    let assistant = reply;
    this.#host.requestUpdate();
    try {
      for await (const event of stream) {
        if (event.type === 'created') {
          if (user) Object.assign(user, { id: event.user_message.id, status: 'complete' });
          assistant ??= createMessage({ role: 'assistant', id: event.assistant_message.id });
          if (!this.messages.includes(assistant)) this.messages = [...this.messages, assistant];
        } else if (event.type === 'delta' && assistant) {
          assistant.content += event.text;
          this.#announceSentences(assistant.content);
        } else if (event.type === 'completed' && assistant) {
          assistant.content = event.message.content;
          assistant.status = event.message.status;
          this.#announceRest(assistant.content);
          emit(this.#host, 'repruv-message-received', { message: event.message });
        }
        this.#host.requestUpdate();
      }
    } catch (error) {
      if (user?.status === 'sending') user.status = 'failed';
      if (assistant && error instanceof AbortError) {
        assistant.status = 'stopped';
        this.#announceRest(assistant.content);
      } else if (assistant) {
        Object.assign(assistant, { status: 'error' }, messageFailure(error));
        this.#fail(error);
      } else throw error;
    } finally {
      if (this.stream === stream) this.stream = null;
      this.#host.requestUpdate();
    }
  }

  #announceSentences(content: string): void {
    const sentences = this.#announcer.sentences(content);
    if (sentences !== null) this.announcement = sentences;
  }

  #announceRest(content: string): void {
    const rest = this.#announcer.rest(content);
    if (rest) this.announcement = rest;
  }

  #fail(error: unknown): void {
    if (error instanceof AbortError) return;
    emit(this.#host, 'repruv-error', {
      code: errorCode(error),
      message: error instanceof Error ? error.message : String(error),
      error,
    });
    this.#host.requestUpdate();
  }

  #api(): RepruvClient {
    return this.#client.get();
  }

  #sessionKey(): string {
    const { siteKey, apiUrl, userId } = this.#connection();
    return `repruv.session.${siteKey ?? apiUrl}${userId ? `.user.${userId}` : ''}`;
  }
}

function errorCode(error: unknown): string {
  return error instanceof RepruvError ? error.code : 'internal';
}
