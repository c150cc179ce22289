import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Fits the phone-size panel to the visible viewport when the on-screen keyboard opens: keeps
 * `--repruv-viewport-height` on the host at the visual viewport's height.
 */
export class ViewportHeightController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly shadowRoot: ShadowRoot | null };
  #sheet: CSSStyleSheet | null = null;
  readonly #onResize = () => this.#track();

  constructor(host: ReactiveControllerHost & { readonly shadowRoot: ShadowRoot | null }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.visualViewport?.addEventListener('resize', this.#onResize);
  }

  hostDisconnected(): void {
    globalThis.visualViewport?.removeEventListener('resize', this.#onResize);
  }

  #track(): void {
    const viewport = globalThis.visualViewport;
    const root = this.#host.shadowRoot;
    if (!viewport || !root) return;
    if (!this.#sheet) {
      this.#sheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    }
    this.#sheet.replaceSync(
      `:host { --repruv-viewport-height: ${Math.round(viewport.height)}px; }`,
    );
  }
}
