import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Within this many pixels of the end, the transcript counts as "at the bottom". */
const BOTTOM_SLACK = 48;
/** Within this many pixels of the top, older messages are loaded. */
const TOP_SLACK = 120;
/** A burst of tokens scrolls once within this many milliseconds, not once per token. */
const SCROLL_DEBOUNCE_MS = 50;

/** The history behind the transcript, which scrolling near the top pages back through. */
export interface OlderMessages {
  readonly hasMore: boolean;
  readonly loadingOlder: boolean;
  loadOlder(): Promise<void>;
}

/**
 * Scroll pinning of the transcript: while the visitor is at the bottom, every update keeps
 * the latest text in view; scrolling up unpins it (and shows "jump to latest"); scrolling
 * near the top loads older messages without moving what is on screen.
 */
export class ScrollPinController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #log: () => HTMLElement | null;
  readonly #older: OlderMessages;
  #atBottom = true;
  /** The log's scrollTop when it was last known to be at the bottom. */
  #pinnedTop = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, log: () => HTMLElement | null, older: OlderMessages) {
    this.#host = host;
    this.#log = log;
    this.#older = older;
    host.addController(this);
  }

  /** Whether the transcript follows the latest message. */
  get atBottom(): boolean {
    return this.#atBottom;
  }

  hostUpdated(): void {
    if (this.#atBottom) this.#scheduleScrollToBottom();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A fresh view (the panel just opened): follow from the top of whatever shows. */
  reset(): void {
    this.#setAtBottom(true);
    this.#pinnedTop = 0;
  }

  /** The log's scroll handler. */
  onScroll(): void {
    const log = this.#log();
    if (!log) return;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < BOTTOM_SLACK;
    // Pinned and not moved up from where it was pinned: this is the event of our own scroll,
    // handled after more text arrived below it, not the visitor scrolling away.
    const ownScroll = this.#atBottom && log.scrollTop >= this.#pinnedTop - 1;
    this.#setAtBottom(atBottom || ownScroll);
    if (atBottom) this.#pinnedTop = log.scrollTop;
    if (log.scrollTop < TOP_SLACK) void this.#loadOlder(log);
  }

  /** Auto-scroll again from where the log is now (after the visitor sends or retries). */
  followLatest(): void {
    this.#setAtBottom(true);
    this.#pinnedTop = this.#log()?.scrollTop ?? 0;
  }

  /** "Jump to latest": to the bottom at once, and follow from there. */
  jumpToLatest(): void {
    const log = this.#log();
    this.#setAtBottom(true);
    if (!log) return;
    log.scrollTop = log.scrollHeight;
    this.#pinnedTop = log.scrollTop;
  }

  /**
   * Lets `reveal` bring something into view (focusing a control scrolls to it) instead of
   * pinning to the bottom, then follows the latest again only if the log is at its bottom.
   */
  showInstead(reveal: () => void): void {
    this.#atBottom = false;
    reveal();
    this.onScroll();
    this.#host.requestUpdate();
  }

  #setAtBottom(atBottom: boolean): void {
    if (atBottom === this.#atBottom) return;
    this.#atBottom = atBottom;
    this.#host.requestUpdate();
  }

  /** Prepends older messages keeping the distance from the bottom, so the view stays put. */
  async #loadOlder(log: HTMLElement): Promise<void> {
    const older = this.#older;
    if (!older.hasMore || older.loadingOlder) return;
    const fromBottom = log.scrollHeight - log.scrollTop;
    await older.loadOlder();
    await this.#host.updateComplete;
    log.scrollTop = log.scrollHeight - fromBottom;
  }

  #scheduleScrollToBottom(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const log = this.#log();
      if (!log || !this.#atBottom) return;
      // Moved since we last pinned it, and its scroll event not handled yet: the user scrolled.
      const moved = Math.abs(log.scrollTop - this.#pinnedTop) > 1;
      if (moved && log.scrollHeight - log.scrollTop - log.clientHeight >= BOTTOM_SLACK) return;
      log.scrollTop = log.scrollHeight;
      this.#pinnedTop = log.scrollTop;
    }, SCROLL_DEBOUNCE_MS);
  }
}
