/*
 * Over 300 lines because the element's JSDoc is its reference: every event, part and custom
 * property a host page can use is listed on the class (some 60 lines of comments).
 */
import { html, LitElement, nothing, unsafeCSS, type PropertyValues } from 'lit';
import type { ChatStream } from '@repruv/client-sdk';
import { AttachmentsLoader } from '../../controllers/attachments-loader.js';
import { ChallengeStatus } from '../../controllers/challenge-status.js';
import { ChatController } from '../../controllers/chat-controller.js';
import type { ChatMessage } from '../../controllers/chat-message.js';
import { DialogController } from '../../controllers/dialog.js';
import { HistoryLoader } from '../../controllers/history-loader.js';
import { MessageActionsController } from '../../controllers/message-actions.js';
import { ScrollPinController } from '../../controllers/scroll-pin.js';
import { SiteConfigController, type SiteLook } from '../../controllers/site-config.js';
import { ViewportHeightController } from '../../controllers/viewport-height.js';
import { loadLocale, type LocaleTable } from '../../i18n/load-locale.js';
import { matchLocale, type Locale } from '../../i18n/locale.js';
import { EN, withOverrides, type StringOverrides, type WidgetStrings } from '../../i18n/strings.js';
import { renderComposer } from '../composer/composer.component.js';
import { composerStyles } from '../composer/composer.styles.js';
import { launcherCss } from '../launcher/launcher.styles.js';
import { messageActionsStyles } from '../message-actions/message-actions.styles.js';
import { messageBubbleStyles } from '../message-bubble/message-bubble.styles.js';
import { renderMessageList } from '../message-list/message-list.component.js';
import { messageListStyles } from '../message-list/message-list.styles.js';
import { renderChatHeader } from './chat-header.js';
import { renderLauncherButton } from './launcher-button.js';
import { chatStyles } from './chat.styles.js';

export type ChatDisplay = 'bubble' | 'inline' | 'fullscreen';

const OPEN_FLAG = 'repruv.open.';

/**
 * The Repruv Assistant chat: a launcher bubble and panel, or a panel inline or full screen.
 * A composition: the conversation, scroll pinning, the modal dialog and the viewport fit are
 * each a ReactiveController; this class holds the public properties and renders.
 *
 * @summary `<repruv-chat site-key="pk_…">` — streaming chat with Claude through the Repruv API.
 *
 * With `preview` it is a picture of itself (the console's site editor shows one, fed `look`): it
 * calls no API — no site config, no guest token, no session — and its panel is inert, so nothing
 * can be typed or sent.
 *
 * @event repruv-ready - history restored; `detail.sessionId`
 * @event repruv-open - the bubble panel opened
 * @event repruv-close - the bubble panel closed
 * @event repruv-message-sent - `detail.content`, `detail.clientMessageId`
 * @event repruv-message-received - a reply finished; `detail.message`
 * @event repruv-error - `detail.code`, `detail.message`, `detail.error`
 * @event repruv-session-created - `detail.session`
 * @event repruv-feedback - a reply rated; `detail.messageId`, `detail.rating` (null: taken back),
 *   `detail.comment`, `detail.tags`
 * @event repruv-branch-change - another version shown; `detail.sessionId`, `detail.messageId`,
 *   `detail.leafId`
 * @event repruv-session-change - another session shown; `detail.session`, `detail.sessionId`,
 *   `detail.reason` (`fork` | `new` | `open`: from the conversations drawer)
 * @event repruv-attachment-added - a file attached in the composer is uploaded; `detail` is the
 *   Attachment
 *
 * @csspart launcher - the bubble button (display="bubble")
 * @csspart panel - the chat panel
 * @csspart header - the panel header; `history-button`, `title`, `new-chat-button`,
 *   `close-button` inside it
 * @csspart history-panel - the conversations drawer: `search-input`, `archived-toggle`,
 *   `history-new-chat`, `history-item`s (`history-open`, `rename-button` / `rename-input`,
 *   `archive-button`, `delete-button` / `delete-confirm`, `export-button` / `export-format`),
 *   `load-more`, `undo-notice` with `undo-button`
 * @csspart transcript - the message log
 * @csspart message - a message row (`user-message` / `assistant-message`)
 * @csspart bubble - a message bubble (`user-bubble` / `assistant-bubble`)
 * @csspart avatar - a message avatar
 * @csspart error - an error line; `retry-button` inside it
 * @csspart sibling-nav - "‹ 2 / 3 ›" of a message with versions; `sibling-prev`, `sibling-next`
 * @csspart edit-button - on user messages; `edit-input`, `save-button`, `cancel-button` while editing
 * @csspart regenerate-button - on replies, as `copy-button`, `feedback-up`, `feedback-down`
 *   (`aria-pressed`) and `fork-button`
 * @csspart feedback-comment - a down vote's form; `feedback-input`, `feedback-tag`,
 *   `feedback-send`, `feedback-cancel`
 * @csspart empty-state - shown before the first message; `quick-prompt` buttons inside it
 * @csspart jump-button - "jump to latest"
 * @csspart notice - the line above the input: why a send waits, or "Checking your connection…"
 * @csspart composer - the input form; `input`, `attach-button`, `send-button`, `stop-button`
 * @csspart attachment-preview - a file attached before sending; `attachment-remove` inside it
 * @csspart attachment - a file in the transcript: an image's thumbnail (opens
 *   `attachment-viewer`, with `attachment-viewer-close`) or a PDF chip
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
    messageActionsStyles,
    composerStyles,
  ];

  static override properties = {
    apiUrl: { attribute: 'api-url' },
    siteKey: { attribute: 'site-key' },
    userId: { attribute: 'user-id' },
    userHash: { attribute: 'user-hash' },
    mode: {},
    display: { reflect: true },
    title: {},
    locale: {},
    token: { attribute: false },
    getToken: { attribute: false },
    quickPrompts: { attribute: false },
    strings: { attribute: false },
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    preview: { type: Boolean, reflect: true },
    look: { attribute: false },
    _draft: { state: true },
    _sendBlockedBy: { state: true },
  };

  /** API origin; defaults to the page origin (the script-tag launcher passes its own). */
  apiUrl: string | null = null;
  /** The site's public key (`pk_…`), for anonymous visitors. */
  siteKey: string | null = null;
  /** The host's id of a signed-in visitor: the same conversations on every device. */
  userId: string | null = null;
  /** hex HMAC-SHA256(the site's identity secret, userId), computed on the host's server. */
  userHash: string | null = null;
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
  strings: StringOverrides = {};
  /** Whether the bubble panel is open (always shown for inline and fullscreen). */
  opened = false;
  /** Shows the look only: no API call at all, and a panel that takes no input. */
  preview = false;
  /** The site's look, given instead of read from `GET /api/v1/sites/{site_key}/config`. */
  look: SiteLook | null = null;

  private _draft = '';
  /** The reply that was streaming when the visitor tried to send; the notice lasts as long. */
  private _sendBlockedBy: ChatStream | null = null;
  readonly #challenge = new ChallengeStatus(this, {
    onSlow: () => this.#chat.announce(this.#text.checkingConnection),
  });
  readonly #site = new SiteConfigController(this, () => ({
    apiUrl: this.apiUrl ?? globalThis.location?.origin ?? '',
    siteKey: this.siteKey,
    given: this.look,
    offline: this.preview,
  }));
  readonly #chat = new ChatController(
    this,
    () => ({
      apiUrl: this.apiUrl ?? globalThis.location?.origin ?? '',
      siteKey: this.siteKey,
      mode: this.mode ?? this.#site.look.default_mode ?? null,
      token: this.token,
      getToken: this.getToken,
      userId: this.userId,
      userHash: this.userHash,
    }),
    this.#challenge.solve,
  );
  readonly #scroll = new ScrollPinController(this, () => this.#log(), this.#chat);
  readonly #dialog = new DialogController(this, {
    modal: () => this.display === 'bubble',
    onOpen: () => {
      this.#connect();
      this.#scroll.reset();
    },
    storageKey: () => OPEN_FLAG + (this.siteKey ?? ''),
    focusInside: () => this.#input()?.focus(),
    focusLauncher: () => this.focusLauncher(),
  });
  readonly #actions = new MessageActionsController(this, {
    chat: this.#chat,
    scroll: this.#scroll,
    strings: () => this.#text,
    locale: () => this.locale,
    focusInput: () => this.#input()?.focus(),
  });
  readonly #attachments = new AttachmentsLoader({
    host: this,
    chat: this.#chat,
    locale: () => this.locale,
    table: () => this.#table?.attachments,
    overrides: () => this.strings ?? {},
    focusInput: () => this.#input()?.focus(),
  });
  readonly #history = new HistoryLoader({
    host: this,
    chat: this.#chat,
    locale: () => this.locale,
    panelStrings: () => this.#text,
    table: () => this.#table?.history,
    overrides: () => this.strings ?? {},
    newChat: () => this.newSession(),
    focusButton: () =>
      this.renderRoot.querySelector<HTMLElement>('[part="history-button"]')?.focus(),
    focusInput: () => this.#input()?.focus(),
  });
  /** The chunk of `#tableLocale`'s strings; null for English (or when it failed to load). */
  #table: LocaleTable | null = null;
  #tableLocale: Locale = 'en';
  #text: WidgetStrings = EN;

  constructor() {
    super();
    new ViewportHeightController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.display !== 'bubble') this.#connect();
  }

  /** Opens the bubble panel and moves focus into it. */
  open(): void {
    this.#connect();
    this.#dialog.open();
  }

  /** Closes the bubble panel and returns focus to the launcher. */
  close(): void {
    this.#dialog.close();
  }

  /** Sends a message as if the visitor had typed it (not in a preview). */
  send(text: string): Promise<void> {
    if (this.preview) return Promise.resolve();
    this.#scroll.followLatest();
    return this.#chat.send(text);
  }

  /** Starts a new conversation. */
  newSession(): void {
    this.#chat.newSession();
    this.#attachments.feature?.tray.clear();
    this._draft = '';
  }

  /** Focuses the bubble button (used when the script-tag launcher hands over). */
  focusLauncher(): void {
    this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  }

  /** Each update waits for its locale's strings (a chunk, but English), so no English shows first. */
  protected override async scheduleUpdate(): Promise<void> {
    for (let wanted; (wanted = matchLocale(this.locale)) !== this.#tableLocale;) {
      const table = await loadLocale(wanted);
      [this.#table, this.#tableLocale] = [table, wanted];
    }
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings') || !this.hasUpdated) {
      this.#text = withOverrides(this.#table?.strings ?? EN, this.strings ?? {});
    }
  }

  protected override render() {
    const s = this.#text;
    const bubble = this.display === 'bubble';
    return html`<div class="root">
      ${
        bubble
          ? renderLauncherButton({
              strings: s,
              opened: this.opened,
              onToggle: () => (this.opened ? this.close() : this.open()),
              onKeydown: (event) => this.#dialog.onLauncherKeydown(event),
            })
          : nothing
      }
      ${!bubble || this.opened ? this.#renderPanel(s, bubble) : nothing}
    </div>`;
  }

  #renderPanel(s: WidgetStrings, bubble: boolean) {
    const chat = this.#chat;
    const scroll = this.#scroll;
    const site = this.#site.look;
    const title = this.title || site.title || s.title;
    const files = this.#attachments;
    const tray = files.feature?.tray;
    return html`<section
      part="panel"
      class="panel"
      role=${bubble ? 'dialog' : 'region'}
      aria-modal=${bubble ? 'true' : nothing}
      aria-label=${title}
      ?inert=${this.preview}
      @keydown=${(event: KeyboardEvent) => bubble && this.#dialog.onPanelKeydown(event)}
      @paste=${files.onTransfer}
      @dragover=${files.onTransfer}
      @dragleave=${files.onTransfer}
      @drop=${files.onTransfer}
    >
      ${renderChatHeader({
        title,
        strings: s,
        closable: bubble,
        historyOpen: this.#history.opened,
        onHistory: () => this.#history.toggle(),
        onNewChat: () => {
          this.newSession();
          this.#input()?.focus();
        },
        onClose: () => this.close(),
      })}
      <div class="stage">
        ${renderMessageList({
          messages: chat.messages,
          strings: s,
          locale: this.locale,
          quickPrompts: this.quickPrompts ?? site.quick_prompts ?? s.quickPrompts,
          waiting: chat.waiting,
          loadingOlder: chat.loadingOlder,
          atBottom: scroll.atBottom,
          onScroll: () => scroll.onScroll(),
          onJump: () => scroll.jumpToLatest(),
          onPrompt: (prompt) => this.#submit(prompt),
          onRetry: (message: ChatMessage) => {
            scroll.followLatest();
            void chat.branches.retry(message);
          },
          actions: this.#actions,
          attachments: (message) => files.feature?.renderMessage(message),
        })}
        ${renderComposer({
          strings: s,
          draft: this._draft,
          hasFiles: !!tray?.sendable,
          previews: files.feature?.renderPreviews(),
          busy: chat.stream !== null,
          notice: this.#notice(s),
          onInput: (value) => (this._draft = value),
          onFiles: (list) => files.add(list),
          onSend: () => this.#submit(this._draft),
          onStop: () => {
            chat.stop();
            this.#input()?.focus();
          },
        })}
        ${this.#history.feature?.render()}
      </div>
      <div class="sr-only" aria-live="polite" aria-atomic="true">${chat.announcement}</div>
      ${files.feature?.renderOverlays()}
    </section>`;
  }

  #submit(text: string): void {
    const tray = this.#attachments.feature?.tray;
    if (!text.trim() && !tray?.sendable) return;
    if (this.#chat.stream) {
      // The draft stays; say why nothing happened.
      this._sendBlockedBy = this.#chat.stream;
      this.#chat.announce(this.#text.waitForReply);
      return;
    }
    this._draft = '';
    this.#actions.notice = '';
    // Files wait for their uploads; a message of refused files only sends nothing.
    void (tray
      ? tray.take().then((attachments) => {
          this.#scroll.followLatest();
          return this.#chat.send(text, { attachments });
        })
      : this.send(text));
    void this.updateComplete.then(() => this.#input()?.focus());
  }

  /** Why a send waits, that the connection is being checked (once that takes long), or why an action failed. */
  #notice(s: WidgetStrings): string {
    if (this.#challenge.slow) return s.checkingConnection;
    const chat = this.#chat;
    const blocked = chat.stream && chat.stream === this._sendBlockedBy;
    return blocked ? s.waitForReply : this.#actions.notice;
  }

  /** Restores the visitor's conversation, once; a preview has none. */
  #connect(): void {
    if (!this.preview) void this.#chat.connect();
  }

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.log');
  }

  #input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'repruv-chat': RepruvChat;
  }
}
