import { html } from 'lit';
import type { SiteWidget } from '../admin-api.js';

export type PreviewStatus = 'loading' | 'ready' | 'failed';

export interface WidgetPreviewView {
  status: PreviewStatus;
  look: SiteWidget;
}

/**
 * The real widget in preview mode, fed the look: it calls no API and its panel is inert (no focus
 * stops, nothing to send), so the form, which holds the same look in words, is what a screen
 * reader reads.
 */
export function renderWidgetPreview({ status, look }: WidgetPreviewView) {
  return html`<section class="widget-preview" aria-labelledby="widget-preview-heading">
    <h3 id="widget-preview-heading">Preview of the widget</h3>
    <p class="hint">As visitors will see it, before you save. Not a working chat.</p>
    ${
      status === 'ready'
        ? html`<repruv-chat preview display="inline" .look=${look}></repruv-chat>`
        : html`<p role="status">
            ${status === 'loading' ? 'Loading the preview…' : 'The preview could not be loaded.'}
          </p>`
    }
  </section>`;
}
