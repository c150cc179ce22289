import { IncrementalMarkdown } from '../markdown/incremental.js';
import { PAGE_SIZE, type ChatController } from './chat-controller.js';
import { createMessage, fromServer, type ChatMessage } from './chat-message.js';
import { messageFailure } from './message-failure.js';
import { newClientMessageId } from './storage.js';

/**
 * The conversation as a tree: editing a message sends its new text beside it, regenerating
 * asks for another reply beside the old one, switching shows another branch, forking copies
 * the branch into a new session. Optimistic: the new message shows at once in place of the
 * old one, the transcript below it goes; a failure stays in place with Retry, and its
 * sibling navigation leads back to the branches the server still has, untouched.
 */
export class BranchActions {
  readonly #chat: ChatController;
  /** A switch or a fork under way: another waits for it. */
  #pending = false;
  /** Edits the server never stored (the send failed), by client id: ‹ › still lead to them. */
  readonly #unsent = new Map<string, ChatMessage>();

  constructor(chat: ChatController) {
    this.#chat = chat;
  }

  /** Whether the tree's controls wait: a reply streams, or a switch or fork is under way. */
  get busy(): boolean {
    return this.#pending || this.#chat.stream !== null;
  }

  /** Sends `text` as a new version of the stored user message `message`. */
  async edit(message: ChatMessage, text: string): Promise<void> {
    const content = text.trim();
    if (this.busy || !message.id || !content) return;
    const clientMessageId = newClientMessageId();
    const parentId = message.parentId ?? null;
    const draft = createMessage({
      role: 'user',
      content,
      clientMessageId,
      status: 'sending',
      parentId,
      siblingIds: [...message.siblingIds, clientMessageId],
    });
    this.#replace(message, draft);
    return this.#chat.send(content, { clientMessageId, parentId });
  }

  /** Asks for another answer to the prompt of the stored reply `reply`. */
  async regenerate(reply: ChatMessage): Promise<void> {
    if (this.busy || !reply.id) return;
    const clientMessageId = newClientMessageId();
    const draft = createMessage({
      role: 'assistant',
      clientMessageId,
      regenerateOf: reply.id,
      parentId: reply.parentId ?? null,
      siblingIds: [...reply.siblingIds, clientMessageId],
    });
    const before = this.#chat.messages;
    this.#replace(reply, draft);
    await this.#regenerate(draft, reply.id, clientMessageId);
    // Stopped before the server stored a new answer: there is none, so the old one is back.
    if (draft.status === 'stopped' && !draft.id && this.#chat.messages.includes(draft)) {
      this.#chat.messages = before;
      this.#chat.requestUpdate();
    }
  }

  /**
   * Tries a failed message again with the same client id, so the server stores nothing twice:
   * a message not sent is sent again (to the same parent); a reply is regenerated in place.
   */
  async retry(message: ChatMessage): Promise<void> {
    const chat = this.#chat;
    if (chat.stream) return;
    const { clientMessageId, parentId } = message;
    if (message.role === 'user') {
      return chat.send(message.content, {
        clientMessageId: clientMessageId ?? undefined,
        parentId,
      });
    }
    const target = message.id ?? message.regenerateOf;
    // A regenerate's reply carries its own key: the server restarts that reply.
    if (target && clientMessageId) return this.#regenerate(message, target, clientMessageId);
    const index = chat.messages.indexOf(message);
    const prompt = chat.messages.slice(0, index).findLast((m) => m.role === 'user');
    if (prompt?.clientMessageId) {
      // A send's reply: repeating the send (found by its key, wherever it is) restarts it.
      chat.messages = chat.messages.filter((m) => m !== message);
      return chat.send(prompt.content, { clientMessageId: prompt.clientMessageId });
    }
    // No key to repeat (a fork's copy): a new answer beside it.
    return this.regenerate(message);
  }

  /**
   * Shows the branch through `siblingId`, a sibling of `message`: the session's current
   * branch becomes it (down to its newest reply), and the transcript from `message` on is
   * replaced. On failure nothing changes; the error is thrown for the caller to say.
   */
  async switchTo(message: ChatMessage, siblingId: string): Promise<void> {
    const chat = this.#chat;
    const { sessionId } = chat;
    if (this.busy || !sessionId) return;
    const unsent = this.#unsent.get(siblingId);
    if (unsent) {
      this.#unsent.delete(siblingId);
      this.#replace(message, unsent);
      return;
    }
    this.#pending = true;
    chat.requestUpdate();
    try {
      const api = chat.api();
      const [, page] = await Promise.all([
        api.sessions.switchBranch(sessionId, siblingId),
        api.messages.list(sessionId, { leaf: siblingId, limit: PAGE_SIZE }),
      ]);
      if (chat.sessionId !== sessionId) return;
      const branch = page.data.map(fromServer);
      const from = branch.findIndex((m) => m.id === siblingId);
      const index = chat.messages.indexOf(message);
      if (from >= 0 && index >= 0) {
        chat.messages = [...chat.messages.slice(0, index), ...branch.slice(from)];
      } else {
        chat.messages = branch;
        chat.hasMore = page.has_more;
      }
      this.#keepUnsent(message, siblingId);
      chat.resumeLive();
      chat.emit('repruv-branch-change', {
        sessionId,
        messageId: siblingId,
        leafId: branch.at(-1)?.id ?? siblingId,
      });
    } finally {
      this.#pending = false;
      chat.requestUpdate();
    }
  }

  /** Continues the branch up to the stored reply `reply` in a new session, shown at once. */
  async fork(reply: ChatMessage): Promise<void> {
    const chat = this.#chat;
    const { sessionId } = chat;
    if (this.busy || !sessionId || !reply.id) return;
    this.#pending = true;
    chat.requestUpdate();
    try {
      await chat.show(await chat.api().sessions.fork(sessionId, { messageId: reply.id }), 'fork');
    } finally {
      this.#pending = false;
      chat.requestUpdate();
    }
  }

  async #regenerate(reply: ChatMessage, target: string, clientMessageId: string): Promise<void> {
    const chat = this.#chat;
    Object.assign(reply, { status: 'streaming', content: '', markdown: new IncrementalMarkdown() });
    try {
      const stream = chat.api().messages.regenerate(target, { stream: true, clientMessageId });
      await chat.follow(stream, null, reply);
    } catch (error) {
      Object.assign(reply, { status: 'error' }, messageFailure(error));
      chat.fail(error);
    }
  }

  /** Keeps `left`, when it is an edit never stored, among the versions of `siblingId` shown. */
  #keepUnsent(left: ChatMessage, siblingId: string): void {
    const key = left.clientMessageId;
    if (left.role !== 'user' || left.id || left.status !== 'failed' || !key) return;
    const shown = this.#chat.messages.find((m) => m.id === siblingId);
    if (!shown) return;
    this.#unsent.set(key, left);
    if (!shown.siblingIds.includes(key)) shown.siblingIds = [...shown.siblingIds, key];
  }

  /** The transcript up to `old`, then `draft` in its place. */
  #replace(old: ChatMessage, draft: ChatMessage): void {
    const chat = this.#chat;
    const index = chat.messages.indexOf(old);
    chat.messages = [...chat.messages.slice(0, index < 0 ? undefined : index), draft];
  }
}
