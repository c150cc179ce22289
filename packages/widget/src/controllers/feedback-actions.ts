import type { Feedback, FeedbackParams } from '@repruv/client-sdk';
import type { ChatController } from './chat-controller.js';
import type { ChatMessage } from './chat-message.js';

/** The tags a down vote offers, as stored; their labels are `WidgetStrings.feedbackTags`. */
export const FEEDBACK_TAGS = ['inaccurate', 'unhelpful', 'too_long', 'unsafe'] as const;

/**
 * Thumbs up and down on replies, and a down vote's comment. Optimistic: the vote shows at
 * once and goes back to what it was if the server refuses it. Requests go one after another,
 * so quick changes of mind reach the server in the order they were made.
 */
export class FeedbackActions {
  readonly #chat: ChatController;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(chat: ChatController) {
    this.#chat = chat;
  }

  /** Rates `reply`; the rating it already has takes it back. */
  vote(reply: ChatMessage, rating: Feedback['rating']): Promise<void> {
    return this.#set(reply, reply.feedback?.rating === rating ? null : { rating });
  }

  /** Adds a comment and tags to a down vote. */
  comment(reply: ChatMessage, comment: string, tags: string[]): Promise<void> {
    return this.#set(reply, { rating: 'down', comment, tags });
  }

  /** Shows `params` on `reply` at once, then stores them (null: takes the rating back). */
  async #set(reply: ChatMessage, params: FeedbackParams | null): Promise<void> {
    const chat = this.#chat;
    const { id } = reply;
    if (!id) return;
    const before = reply.feedback;
    const shown = params && { comment: null, tags: [], updated_at: '', ...params };
    reply.feedback = shown;
    chat.requestUpdate();
    const request = async () => {
      const messages = chat.api().messages;
      if (params) reply.feedback = (await messages.setFeedback(id, params)).feedback;
      else await messages.clearFeedback(id);
      chat.emit('repruv-feedback', { messageId: id, ...(params ?? { rating: null }) });
    };
    const done = this.#queue.then(request).catch((error: unknown) => {
      if (reply.feedback === shown) reply.feedback = before;
      throw error;
    });
    this.#queue = done.catch(() => {}).finally(() => chat.requestUpdate());
    return done;
  }
}
