import { svg } from 'lit';

/** A page with a folded corner: a PDF's chip and preview. */
export const documentIcon = () =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 2h8l5 5v15H6zM14 2v5h5M9 13h7M9 17h7"></path></svg>`;
