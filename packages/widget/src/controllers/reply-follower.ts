import { AbortError, type ChatStream } from '@repruv/client-sdk';
import { ReplyAnnouncer } from './announcer.js';
import type { ChatController } from './chat-controller.js';
import { createMessage, storedFacts, type ChatMessage } from './chat-message.js';
import { messageFailure } from './message-failure.js';

/**
 * Applies a reply's events to the transcript (a send's, a regenerate's or a re-attached one)
 * and says its text through the live region, once per sentence.
 */
export class ReplyFollower {
  readonly #chat: ChatController;
  readonly #announcer = new ReplyAnnouncer();

  constructor(chat: ChatController) {
    this.#chat = chat;
  }

  /**
   * Follows `stream` until the reply completes, stops or fails. `user` is the message sent,
   * `reply` the reply already shown (re-attached or regenerated).
   */
  async follow(
    stream: ChatStream,
    user: ChatMessage | null,
    reply: ChatMessage | null,
  ): Promise<void> {
    const chat = this.#chat;
    chat.stream = stream;
    this.#announcer.reset();
    let assistant = reply;
    chat.requestUpdate();
    try {
      for await (const event of stream) {
        if (event.type === 'created') {
          if (user) Object.assign(user, storedFacts(event.user_message), { status: 'complete' });
          assistant ??= createMessage({ role: 'assistant', id: event.assistant_message.id });
          const regenerated = assistant.regenerateOf !== undefined;
          Object.assign(assistant, storedFacts(event.assistant_message));
          delete assistant.regenerateOf;
          if (!chat.messages.includes(assistant)) chat.messages = [...chat.messages, assistant];
          // An edit's new version, or a regenerate's new answer, is a new branch, now shown.
          const edited = user !== null && user.siblingIds.length > 1;
          if (edited || regenerated) this.#branchShown(edited ? user : assistant, assistant);
        } else if (event.type === 'delta' && assistant) {
          assistant.content += event.text;
          this.#say(this.#announcer.sentences(assistant.content));
        } else if (event.type === 'completed' && assistant) {
          const { message } = event;
          Object.assign(assistant, { content: message.content, status: message.status });
          this.#say(this.#announcer.rest(assistant.content));
          chat.emit('repruv-message-received', { message });
        }
        chat.requestUpdate();
      }
    } catch (error) {
      if (user?.status === 'sending') user.status = 'failed';
      if (assistant && error instanceof AbortError) {
        assistant.status = 'stopped';
        this.#say(this.#announcer.rest(assistant.content));
      } else if (assistant) {
        Object.assign(assistant, { status: 'error' }, messageFailure(error));
        chat.fail(error);
      } else throw error;
    } finally {
      if (chat.stream === stream) chat.stream = null;
      chat.requestUpdate();
    }
  }

  #branchShown(message: ChatMessage, leaf: ChatMessage): void {
    const { sessionId } = this.#chat;
    if (!sessionId || !message.id || !leaf.id) return;
    this.#chat.emit('repruv-branch-change', { sessionId, messageId: message.id, leafId: leaf.id });
  }

  #say(text: string | null): void {
    if (text) this.#chat.announcement = text;
  }
}
