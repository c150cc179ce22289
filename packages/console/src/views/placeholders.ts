import { html } from 'lit';

/** What a page shows while its first call is on its way. */
export const renderLoading = () => html`<p role="status">Loading…</p>`;

/** What a page shows when what its address names could not be read. */
export function renderNotFound(message: string, back: { href: string; label: string }) {
  return html`<p role="alert">${message} <a href=${back.href}>${back.label}</a></p>`;
}
