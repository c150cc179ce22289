import { html, LitElement, nothing, unsafeCSS, type PropertyValues } from 'lit';
import type { ChatStream } from '@repruv/client-sdk';
import { ChatController, type ChatMessage } from '../../controllers/chat-controller.js';
import { emit } from '../../events.js';
import { resolveStrings, type WidgetStrings } from '../../i18n/strings.js';
import { renderComposer } from '../composer/composer.component.js';
import { composerStyles } from '../composer/composer.styles.js';
import { chatIcon, closeIcon, newChatIcon } from '../icons.js';
import { launcherCss } from '../launcher/launcher.styles.js';
import { messageBubbleStyles } from '../message-bubble/message-bubble.styles.js';
import { renderMessageList } from '../message-list/message-list.component.js';
import { messageListStyles } from '../message-list/message-list.styles.js';
import { chatStyles } from './chat.styles.js';
import { wrapTabFocus } from './focus-trap.js';

export type ChatDisplay = 'bubble' | 'inline' | 'fullscreen';

/** Within this many pixels of the end, the transcript counts as "at the bottom". */
const BOTTOM_SLACK = 48;
/** Within this many pixels of the top, older messages are loaded. */
const TOP_SLACK = 120;
const OPEN_FLAG = 'repruv.open.';

/**
 * The Repruv Assistant chat: a launcher bubble and panel, or a panel inline or full screen.
 *
 * @summary `<repruv-chat site-key="pk_…">` — streaming chat with Claude through the Repruv API.
 *
 * @event repruv-ready - history restored; `detail.sessionId`
 * @event repruv-open - the bubble panel opened
 * @event repruv-close - the bubble panel closed
 * @event repruv-message-sent - `detail.content`, `detail.clientMessageId`
 * @event repruv-message-received - a reply finished; `detail.message`
 * @event repruv-error - `detail.code`, `detail.message`, `detail.error`
 * @event repruv-session-created - `detail.session`
 *
 * @csspart launcher - the bubble button (display="bubble")
 * @csspart panel - the chat panel
 * @csspart header - the panel header; `title`, `new-chat-button`, `close-button` inside it
 * @csspart transcript - the message log
 * @csspart message - a message row (`user-message` / `assistant-message`)
 * @csspart bubble - a message bubble (`user-bubble` / `assistant-bubble`)
 * @csspart avatar - a message avatar
 * @csspart error - an error line; `retry-button` inside it
 * @csspart empty-state - shown before the first message; `quick-prompt` buttons inside it
 * @csspart jump-button - "jump to latest"
 * @csspart notice - the line above the input saying why a send waits
 * @csspart composer - the input form; `input`, `send-button`, `stop-button` inside it
 * @csspart code-block - a fenced code block; `inline-code`, `link` for inline Markdown
 *
 * @cssproperty --repruv-primary - user bubbles, header, buttons (default #4338ca)
 * @cssproperty --repruv-on-primary - text on the primary colour (default #fff)
 * @cssproperty --repruv-accent - assistant bubbles (default #eef0fb)
 * @cssproperty --repruv-on-accent - text on the accent colour (default #1c1d21)
 * @cssproperty --repruv-surface - panel background (default #fff)
 * @cssproperty --repruv-text - text colour (default #1c1d21)
 * @cssproperty --repruv-muted - secondary text (default #555a66)
 * @cssproperty --repruv-border - borders (default #dfe1ea)
 * @cssproperty --repruv-danger - error text (default #b42318)
 * @cssproperty --repruv-focus - focus ring (default #f59e0b)
 * @cssproperty --repruv-font - font family
 * @cssproperty --repruv-radius - bubble and panel radius (default 16px)
 * @cssproperty --repruv-panel-width - bubble panel width (default 400px)
 * @cssproperty --repruv-panel-height - bubble panel height (default 640px)
 * @cssproperty --repruv-height - height when display="inline" (default 600px)
 * @cssproperty --repruv-z-index - stacking of the bubble and panel
 */
export class RepruvChat extends LitElement {
  static override styles = [
    chatStyles,
    unsafeCSS(launcherCss),
    messageListStyles,
    messageBubbleStyles,
    composerStyles,
  ];

  static override properties = {
    apiUrl: { attribute: 'api-url' },
    siteKey: { attribute: 'site-key' },
    mode: {},
    display: { reflect: true },
    title: {},
    locale: {},
    token: { attribute: false },
    getToken: { attribute: false },
    quickPrompts: { attribute: false },
    strings: { attribute: false },
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    _draft: { state: true },
    _atBottom: { state: true },
    _sendBlockedBy: { state: true },
  };

  /** API origin; defaults to the page origin (the script-tag launcher passes its own). */
  apiUrl: string | null = null;
  /** The site's public key (`pk_…`), for anonymous visitors. */
  siteKey: string | null = null;
  /** The session mode: general, ideas, strategy, writing… */
  mode: string | null = null;
  display: ChatDisplay = 'inline';
  locale: string | null = null;
  /** A bearer token for hosts that sign in their own users. */
  token: string | null = null;
  /** Called for each request instead of `token`. */
  getToken: (() => string | undefined | Promise<string | undefined>) | null = null;
  quickPrompts: string[] | null = null;
  /** Replaces any of the built-in strings. */
  strings: Partial<WidgetStrings> = {};
  /** Whether the bubble panel is open (always shown for inline and fullscreen). */
  opened = false;

  private _draft = '';
  private _atBottom = true;
  /** The reply that was streaming when the visitor tried to send; the notice lasts as long. */
  private _sendBlockedBy: ChatStream | null = null;
  readonly #chat = new ChatController(this, () => ({
    apiUrl: this.apiUrl ?? globalThis.location?.origin ?? '',
    siteKey: this.siteKey,
    mode: this.mode,
    token: this.token,
    getToken: this.getToken,
  }));
  #text: WidgetStrings = resolveStrings(null);
  #scrollTimer: ReturnType<typeof setTimeout> | undefined;
  /** The log's scrollTop when it was last known to be at the bottom. */
  #pinnedTop = 0;
  #viewportSheet: CSSStyleSheet | null = null;
  #onViewport = () => this.#trackViewport();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.display !== 'bubble') void this.#chat.connect();
    else if (sessionFlag(this.#openKey())) this.open();
    globalThis.visualViewport?.addEventListener('resize', this.#onViewport);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.visualViewport?.removeEventListener('resize', this.#onViewport);
    clearTimeout(this.#scrollTimer);
  }

  /** Opens the bubble panel and moves focus into it. */
  open(): void {
    void this.#chat.connect();
    if (this.opened) return;
    this.opened = true;
    this._atBottom = true;
    this.#pinnedTop = 0;
    setSessionFlag(this.#openKey(), true);
    emit(this, 'repruv-open', {});
    void this.updateComplete.then(() => this.#input()?.focus());
  }

  /** Closes the bubble panel and returns focus to the launcher. */
  close(): void {
    if (!this.opened) return;
    this.opened = false;
    setSessionFlag(this.#openKey(), false);
    emit(this, 'repruv-close', {});
    void this.updateComplete.then(() => this.focusLauncher());
  }

  /** Sends a message as if the visitor had typed it. */
  send(text: string): Promise<void> {
    this.#followLatest();
    return this.#chat.send(text);
  }

  /** Starts a new conversation. */
  newSession(): void {
    this.#chat.newSession();
    this._draft = '';
  }

  /** Focuses the bubble button (used when the script-tag launcher hands over). */
  focusLauncher(): void {
    this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings') || !this.hasUpdated) {
      this.#text = resolveStrings(this.locale, this.strings ?? {});
    }
  }

  protected override render() {
    const s = this.#text;
    const bubble = this.display === 'bubble';
    return html`<div class="root">
      ${bubble ? this.#renderLauncher(s) : nothing}
      ${!bubble || this.opened ? this.#renderPanel(s, bubble) : nothing}
    </div>`;
  }

  protected override updated(): void {
    if (this._atBottom) this.#scheduleScrollToBottom();
  }

  #renderLauncher(s: WidgetStrings) {
    return html`<button
      part="launcher"
      class="launcher"
      type="button"
      aria-label=${this.opened ? s.closeChat : s.openChat}
      aria-haspopup="dialog"
      aria-expanded=${this.opened ? 'true' : 'false'}
      tabindex=${this.opened ? '-1' : '0'}
      @click=${() => (this.opened ? this.close() : this.open())}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && this.opened) this.close();
      }}
    >
      ${this.opened ? closeIcon() : chatIcon()}
    </button>`;
  }

  #renderPanel(s: WidgetStrings, bubble: boolean) {
    const chat = this.#chat;
    const title = this.title || s.title;
    return html`<section
      part="panel"
      class="panel"
      role=${bubble ? 'dialog' : 'region'}
      aria-modal=${bubble ? 'true' : nothing}
      aria-label=${title}
      @keydown=${(event: KeyboardEvent) => bubble && this.#onDialogKeydown(event)}
    >
      <header part="header">
        <h2 part="title">${title}</h2>
        <button
          part="new-chat-button"
          class="icon-button"
          type="button"
          aria-label=${s.newChat}
          @click=${() => {
            this.newSession();
            this.#input()?.focus();
          }}
        >
          ${newChatIcon()}
        </button>
        ${
          bubble
            ? html`<button
                part="close-button"
                class="icon-button"
                type="button"
                aria-label=${s.closeChat}
                @click=${() => this.close()}
              >
                ${closeIcon()}
              </button>`
            : nothing
        }
      </header>
      ${renderMessageList({
        messages: chat.messages,
        strings: s,
        quickPrompts: this.quickPrompts ?? s.quickPrompts,
        waiting: chat.waiting,
        loadingOlder: chat.loadingOlder,
        atBottom: this._atBottom,
        onScroll: () => this.#onScroll(),
        onJump: () => this.#jumpToLatest(),
        onPrompt: (prompt) => this.#submit(prompt),
        onRetry: (message: ChatMessage) => {
          this.#followLatest();
          void chat.retry(message);
        },
      })}
      ${renderComposer({
        strings: s,
        draft: this._draft,
        busy: chat.stream !== null,
        notice: chat.stream && chat.stream === this._sendBlockedBy ? s.waitForReply : '',
        onInput: (value) => (this._draft = value),
        onSend: () => this.#submit(this._draft),
        onStop: () => {
          chat.stop();
          this.#input()?.focus();
        },
      })}
      <div class="sr-only" aria-live="polite" aria-atomic="true">${chat.announcement}</div>
    </section>`;
  }

  /** The bubble panel is a modal dialog: Escape closes it, Tab stays inside. */
  #onDialogKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Tab') {
      wrapTabFocus(event, event.currentTarget as HTMLElement);
    }
  }

  #submit(text: string): void {
    if (!text.trim()) return;
    if (this.#chat.stream) {
      // The draft stays; say why nothing happened.
      this._sendBlockedBy = this.#chat.stream;
      this.#chat.announce(this.#text.waitForReply);
      return;
    }
    this._draft = '';
    void this.send(text);
    void this.updateComplete.then(() => this.#input()?.focus());
  }

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.log');
  }

  #input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  #onScroll(): void {
    const log = this.#log();
    if (!log) return;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < BOTTOM_SLACK;
    if (atBottom !== this._atBottom) this._atBottom = atBottom;
    if (atBottom) this.#pinnedTop = log.scrollTop;
    if (log.scrollTop < TOP_SLACK) void this.#loadOlder(log);
  }

  /** Prepends older messages keeping the distance from the bottom, so the view stays put. */
  async #loadOlder(log: HTMLElement): Promise<void> {
    const chat = this.#chat;
    if (!chat.hasMore || chat.loadingOlder) return;
    const fromBottom = log.scrollHeight - log.scrollTop;
    await chat.loadOlder();
    await this.updateComplete;
    log.scrollTop = log.scrollHeight - fromBottom;
  }

  /** Debounced: a burst of tokens scrolls once, not once per token. */
  #scheduleScrollToBottom(): void {
    if (this.#scrollTimer !== undefined) return;
    this.#scrollTimer = setTimeout(() => {
      this.#scrollTimer = undefined;
      const log = this.#log();
      if (!log || !this._atBottom) return;
      // Moved since we last pinned it, and its scroll event not handled yet: the user scrolled.
      const moved = Math.abs(log.scrollTop - this.#pinnedTop) > 1;
      if (moved && log.scrollHeight - log.scrollTop - log.clientHeight >= BOTTOM_SLACK) return;
      log.scrollTop = log.scrollHeight;
      this.#pinnedTop = log.scrollTop;
    }, 50);
  }

  /** Auto-scroll again from where the log is now (after the visitor sends or retries). */
  #followLatest(): void {
    this._atBottom = true;
    this.#pinnedTop = this.#log()?.scrollTop ?? 0;
  }

  #jumpToLatest(): void {
    const log = this.#log();
    this._atBottom = true;
    if (!log) return;
    log.scrollTop = log.scrollHeight;
    this.#pinnedTop = log.scrollTop;
  }

  /** Fits the phone-size panel to the visible viewport when the on-screen keyboard opens. */
  #trackViewport(): void {
    const viewport = globalThis.visualViewport;
    const root = this.shadowRoot;
    if (!viewport || !root) return;
    if (!this.#viewportSheet) {
      this.#viewportSheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#viewportSheet];
    }
    this.#viewportSheet.replaceSync(
      `:host { --repruv-viewport-height: ${Math.round(viewport.height)}px; }`,
    );
  }

  #openKey(): string {
    return OPEN_FLAG + (this.siteKey ?? '');
  }
}

function sessionFlag(key: string): boolean {
  try {
    return globalThis.sessionStorage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

function setSessionFlag(key: string, on: boolean): void {
  try {
    if (on) globalThis.sessionStorage?.setItem(key, '1');
    else globalThis.sessionStorage?.removeItem(key);
  } catch {
    // Storage blocked: the panel just starts closed after a reload.
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'repruv-chat': RepruvChat;
  }
}
