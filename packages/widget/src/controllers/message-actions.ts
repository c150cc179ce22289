import type { ReactiveControllerHost } from 'lit';
import type { Feedback } from '@repruv/client-sdk';
import type { MessageActions } from '../components/message-actions/message-actions.js';
import { versionText } from '../components/message-actions/sibling-nav.js';
import { failureText } from '../i18n/failure-text.js';
import type { WidgetStrings } from '../i18n/strings.js';
import type { ChatController } from './chat-controller.js';
import type { ChatMessage } from './chat-message.js';
import { messageFailure } from './message-failure.js';
import type { ScrollPinController } from './scroll-pin.js';

export interface MessageActionsOptions {
  chat: ChatController;
  scroll: ScrollPinController;
  strings: () => WidgetStrings;
  locale: () => string | null;
  /** Moves focus to the composer's input. */
  focusInput: () => void;
}

type Host = ReactiveControllerHost & { renderRoot: ParentNode };

/**
 * What the controls under the messages do, as a person using them (or a screen reader)
 * expects: where focus goes after each, what is said, what an editor or a comment form
 * shows. The conversation itself changes in ChatController's branch and feedback actions.
 */
export class MessageActionsController implements MessageActions {
  editing: string | null = null;
  commenting: string | null = null;
  /** Why a switch, fork, vote or comment did not happen, for the line above the input; or ''. */
  notice = '';

  readonly #host: Host;
  readonly #chat: ChatController;
  readonly #options: MessageActionsOptions;

  constructor(host: Host, options: MessageActionsOptions) {
    this.#host = host;
    this.#chat = options.chat;
    this.#options = options;
  }

  get busy(): boolean {
    return this.#chat.branches.busy;
  }

  edit(message: ChatMessage): void {
    this.editing = message.key;
    this.#focus(message, 'edit-input');
  }

  cancelEdit(message: ChatMessage): void {
    this.editing = null;
    this.#focus(message, 'edit-button');
  }

  saveEdit(message: ChatMessage, text: string): void {
    if (!text.trim() || text.trim() === message.content) return this.cancelEdit(message);
    this.editing = null;
    this.#options.scroll.followLatest();
    void this.#chat.branches.edit(message, text);
    this.#afterUpdate(this.#options.focusInput);
  }

  regenerate(reply: ChatMessage): void {
    this.#options.scroll.followLatest();
    void this.#chat.branches.regenerate(reply);
    this.#afterUpdate(this.#options.focusInput);
  }

  async switchTo(message: ChatMessage, siblingId: string, control: 'prev' | 'next') {
    const chat = this.#chat;
    if (!(await this.#attempt(chat.branches.switchTo(message, siblingId)))) return;
    // An edit the server never stored is known by its client id.
    const shown = chat.messages.find((m) => (m.id ?? m.clientMessageId) === siblingId);
    if (!shown) return;
    chat.announce(versionText(shown, this.#options.strings()));
    await this.#host.updateComplete;
    // The row is another one now: focus the same control of it (the other at the end), in view.
    const button = (name: string) =>
      this.#row(shown)?.querySelector<HTMLButtonElement>(`[part~="sibling-${name}"]`);
    const same = button(control);
    const target = same?.disabled ? button(control === 'prev' ? 'next' : 'prev') : same;
    this.#options.scroll.showInstead(() => target?.focus());
  }

  async copy(reply: ChatMessage): Promise<void> {
    const s = this.#options.strings();
    try {
      await navigator.clipboard.writeText(reply.content);
      this.#chat.announce(s.copied);
    } catch {
      this.#chat.announce(s.errorGeneric);
    }
  }

  async fork(reply: ChatMessage): Promise<void> {
    if (!(await this.#attempt(this.#chat.branches.fork(reply)))) return;
    this.#chat.announce(this.#options.strings().forked);
    this.#afterUpdate(this.#options.focusInput);
  }

  async vote(reply: ChatMessage, rating: Feedback['rating']): Promise<void> {
    // A new down vote asks what went wrong (focus goes there); any other vote closes the form.
    // aria-pressed says the rest.
    const asks = rating === 'down' && reply.feedback?.rating !== 'down';
    this.commenting = asks ? reply.key : null;
    if (asks) this.#focus(reply, 'feedback-input');
    const taken = reply.feedback?.rating === rating;
    const stored = await this.#attempt(this.#chat.feedback.vote(reply, rating));
    if (stored && !taken) this.#chat.announce(this.#options.strings().feedbackThanks);
    if (!stored && this.commenting === reply.key) this.closeComment(reply);
  }

  closeComment(reply: ChatMessage): void {
    this.commenting = null;
    this.#focus(reply, 'feedback-down');
  }

  async sendComment(reply: ChatMessage, comment: string, tags: string[]): Promise<void> {
    // On failure the form stays open, with what was written.
    if (await this.#attempt(this.#chat.feedback.comment(reply, comment, tags))) {
      this.closeComment(reply);
      this.#chat.announce(this.#options.strings().feedbackThanks);
    }
  }

  /** Whether `action` worked; when it did not, why is said and shown above the input. */
  async #attempt(action: Promise<unknown>): Promise<boolean> {
    this.notice = '';
    this.#host.requestUpdate();
    try {
      await action;
      return true;
    } catch (error) {
      const failure = { role: 'assistant' as const, ...messageFailure(error) };
      const { strings, locale } = this.#options;
      this.notice = failureText(failure, strings(), { locale: locale() });
      this.#chat.fail(error);
      this.#chat.announce(this.notice);
      return false;
    }
  }

  #row(message: ChatMessage): Element | null {
    return this.#host.renderRoot.querySelector(`[data-key="${message.key}"]`);
  }

  /** Focuses the control `part` of `message`'s row once it is rendered. */
  #focus(message: ChatMessage, part: string): void {
    this.#afterUpdate(() =>
      this.#row(message)?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus(),
    );
  }

  #afterUpdate(then: () => void): void {
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(then);
  }
}
