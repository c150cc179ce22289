import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdminSite, SiteWidget } from '../admin-api.js';
import { renderWidgetPreview, type PreviewStatus } from '../views/widget-preview.js';

/**
 * The widget's panel as visitors load it, under a name that does not change (served by the same
 * server, so the console's `script-src 'self'` allows it). It defines `<repruv-chat>`.
 */
export const WIDGET_PANEL_URL = '/widget/panel.js';

export async function importWidgetPanel(): Promise<void> {
  if (customElements.get('repruv-chat')) return;
  await import(/* @vite-ignore */ WIDGET_PANEL_URL);
}

/**
 * The site editor's preview of the widget: loads the real `<repruv-chat>` the first time an editor
 * opens, and holds the look the form has now, which the preview shows before it is saved.
 */
export class WidgetPreviewController implements ReactiveController {
  status: PreviewStatus = 'loading';
  /** What the form holds, once the operator has changed anything; null: the saved look. */
  #edited: SiteWidget | null = null;
  #loading: Promise<void> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loadPanel: () => Promise<void> = importWidgetPanel,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A site editor opened: the preview starts from the saved look. Resolves once the widget is in. */
  open(): Promise<void> {
    this.#edited = null;
    return (this.#loading ??= this.#load());
  }

  edit(widget: SiteWidget): void {
    this.#edited = widget;
    this.host.requestUpdate();
  }

  lookOf(site: AdminSite): SiteWidget {
    return this.#edited ?? site.widget;
  }

  render(site: AdminSite) {
    return renderWidgetPreview({ status: this.status, look: this.lookOf(site) });
  }

  async #load(): Promise<void> {
    this.status = 'loading';
    this.host.requestUpdate();
    try {
      await this.loadPanel();
      this.status = 'ready';
    } catch {
      this.status = 'failed';
      this.#loading = null; // the next editor to open tries again
    }
    this.host.requestUpdate();
  }
}
