/**
 * The bubble button, shared by the script-tag launcher (before Lit has loaded) and by
 * `<repruv-chat display="bubble">`, so the hand-over between them is invisible. A plain
 * string: the launcher must stay free of Lit.
 */
export const launcherCss = `
.launcher {
  /* The panel is left-to-right (so are all its languages); the bubble sits at its side. */
  direction: ltr;
  position: fixed;
  inset-inline-end: max(20px, env(safe-area-inset-right));
  inset-block-end: max(20px, env(safe-area-inset-bottom));
  z-index: var(--repruv-z-index, 2147483000);
  inline-size: 56px;
  block-size: 56px;
  border: 0;
  border-radius: 50%;
  padding: 0;
  display: grid;
  place-items: center;
  cursor: pointer;
  color: var(--_on-primary, var(--repruv-on-primary, #fff));
  background: var(--_primary, var(--repruv-primary, #4338ca));
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
  transition: transform 0.15s ease, box-shadow 0.15s ease;
}
.launcher:hover { transform: scale(1.05); box-shadow: 0 8px 26px rgb(0 0 0 / 0.28); }
.launcher:focus-visible {
  outline: 3px solid var(--repruv-focus, #f59e0b);
  outline-offset: 3px;
}
.launcher svg { inline-size: 28px; block-size: 28px; fill: currentColor; }
@media (prefers-reduced-motion: reduce) {
  .launcher { transition: none; }
  .launcher:hover { transform: none; }
}
`;

/** A speech-bubble icon, as SVG path data. */
export const CHAT_ICON_PATH =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';
export const CLOSE_ICON_PATH =
  'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z';
