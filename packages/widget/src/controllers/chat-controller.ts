import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  AbortError,
  NotFoundError,
  RepruvError,
  type ChatStream,
  type RepruvClient,
  type Session,
} from '@repruv/client-sdk';
import {
  emit,
  type RepruvEventDetails,
  type RepruvEventName,
  type SessionChangeReason,
} from '../events.js';
import { IncrementalMarkdown } from '../markdown/incremental.js';
import { ApiClient, type ChatConnection, type SolveChallenge } from './api-client.js';
import { BranchActions } from './branch-actions.js';
import { createMessage, fromServer, type Attachment, type ChatMessage } from './chat-message.js';
import { FeedbackActions } from './feedback-actions.js';
import { messageFailure } from './message-failure.js';
import { ReplyFollower } from './reply-follower.js';
import { newClientMessageId, readItem, writeItem } from './storage.js';

export const PAGE_SIZE = 30;

export interface SendOptions {
  /** Re-sends the message of the transcript with this id; generated when absent. */
  clientMessageId?: string;
  /** The stored message it follows (null: a new first message); omitted: the current branch. */
  parentId?: string | null | undefined;
  /** Uploaded files to send with it (a re-sent message keeps its own). */
  attachments?: Attachment[];
}

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
  /** Edit, regenerate, switch branch, fork, and retry. */
  readonly branches = new BranchActions(this);
  readonly feedback = new FeedbackActions(this);

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #connection: () => ChatConnection;
  readonly #client: ApiClient;
  readonly #follower = new ReplyFollower(this);
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
  async send(content: string, options: SendOptions = {}): Promise<void> {
    const { clientMessageId = newClientMessageId(), parentId } = options;
    const text = content.trim();
    let user = this.messages.find(
      (m) => m.role === 'user' && m.clientMessageId === clientMessageId,
    );
    const attachments = user?.attachments ?? options.attachments ?? [];
    if ((!text && !attachments.length) || this.stream) return;
    if (user) user.status = 'sending';
    else {
      user = createMessage({
        role: 'user',
        content: text,
        clientMessageId,
        status: 'sending',
        attachments,
      });
      this.messages = [...this.messages, user];
    }
    this.emit('repruv-message-sent', { content: text, clientMessageId });
    this.requestUpdate();
    try {
      await this.connect();
      const sessionId = await this.#ensureSession();
      const attachmentIds = attachments.map((a) => a.id);
      const request = { sessionId, content: text, clientMessageId, parentId, attachmentIds };
      await this.follow(this.api().messages.stream(request), user, null);
    } catch (error) {
      Object.assign(user, { status: 'failed' }, messageFailure(error));
      this.fail(error);
    }
  }

  /** Says `text` through the polite live region. */
  announce(text: string): void {
    // The same text again must still change the region, or it is not said again.
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
    this.requestUpdate();
  }

  /** Stops the reply in progress; the server keeps what was written. */
  stop(): void {
    this.stream?.abort();
  }

  /** Loads the page of messages before the oldest one shown. */
  async loadOlder(): Promise<void> {
    const oldest = this.messages[0]?.id;
    if (!this.hasMore || this.loadingOlder || !this.sessionId || !oldest) return;
    this.loadingOlder = true;
    this.requestUpdate();
    try {
      const page = await this.api().messages.list(this.sessionId, {
        limit: PAGE_SIZE,
        before: oldest,
      });
      this.messages = [...page.data.map(fromServer), ...this.messages];
      this.hasMore = page.has_more;
    } catch (error) {
      this.fail(error);
    } finally {
      this.loadingOlder = false;
      this.requestUpdate();
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
    this.requestUpdate();
  }

  /**
   * Shows another session of this visitor (a fork of this one, or one opened from the
   * conversations drawer), stored as its current one; a reply of it still being written is
   * followed. A reply streaming in the session shown before is stopped, as by "New chat".
   */
  async show(session: Session, reason: SessionChangeReason): Promise<void> {
    const page = await this.api().messages.list(session.id, { limit: PAGE_SIZE });
    this.stream?.abort();
    this.stream = null;
    this.sessionId = session.id;
    writeItem(this.#sessionKey(), session.id);
    this.messages = page.data.map(fromServer);
    this.hasMore = page.has_more;
    this.emit('repruv-session-change', { session, sessionId: session.id, reason });
    this.resumeLive();
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
        const page = await this.api().messages.list(this.sessionId, { limit: PAGE_SIZE });
        if (this.#restoredKey !== key) return;
        this.messages = [...page.data.map(fromServer), ...this.messages];
        this.hasMore = page.has_more;
      } catch (error) {
        if (this.#restoredKey !== key) return;
        if (!(error instanceof NotFoundError)) this.fail(error);
        this.sessionId = null;
        writeItem(key, null);
      }
    }
    this.emit('repruv-ready', { sessionId: this.sessionId });
    this.resumeLive();
  }

  /** Follows a reply of the transcript still being written (after a reload, or in another tab). */
  resumeLive(): void {
    this.requestUpdate();
    const live = this.messages.findLast((m) => m.status === 'streaming');
    if (live?.id && !this.stream) {
      live.content = '';
      live.markdown = new IncrementalMarkdown();
      void this.follow(this.api().messages.resume(live.id), null, live).catch((error) =>
        this.fail(error),
      );
    }
  }

  /** A host user new to this device carries on with their latest conversation from elsewhere. */
  async #latestSession(): Promise<string | null> {
    if (!this.#connection().userId) return null;
    try {
      const page = await this.api().sessions.list({ limit: 1 });
      const latest = page.data.find((session) => session.status === 'active');
      return latest?.id ?? null;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  async #ensureSession(): Promise<string> {
    if (this.sessionId) return this.sessionId;
    const { mode } = this.#connection();
    const session = await this.api().sessions.create(mode ? { mode } : {});
    this.sessionId = session.id;
    writeItem(this.#sessionKey(), session.id);
    this.emit('repruv-session-created', { session });
    this.emit('repruv-session-change', { session, sessionId: session.id, reason: 'new' });
    return session.id;
  }

  /** Applies a reply's events to the transcript until it completes, stops or fails. */
  follow(...args: Parameters<ReplyFollower['follow']>): Promise<void> {
    return this.#follower.follow(...args);
  }

  /** Reports a failure to the host page (`repruv-error`); an abort is no failure. */
  fail(error: unknown): void {
    if (error instanceof AbortError) return;
    this.emit('repruv-error', {
      code: errorCode(error),
      message: error instanceof Error ? error.message : String(error),
      error,
    });
    this.requestUpdate();
  }

  emit<K extends RepruvEventName>(name: K, detail: RepruvEventDetails[K]): void {
    emit(this.#host, name, detail);
  }

  requestUpdate(): void {
    this.#host.requestUpdate();
  }

  api(): RepruvClient {
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
