import { css } from 'lit';

export const chatStyles = css`
  :host {
    /* --_site-*: the site's look from the console (controllers/site-config.ts); the page's win. */
    --_primary: var(--repruv-primary, var(--_site-primary, #4338ca));
    --_on-primary: var(--repruv-on-primary, var(--_site-on-primary, #ffffff));
    --_accent: var(--repruv-accent, var(--_site-accent, #eef0fb));
    --_on-accent: var(--repruv-on-accent, var(--_site-on-accent, #1c1d21));
    --_surface: var(--repruv-surface, #ffffff);
    --_text: var(--repruv-text, #1c1d21);
    --_muted: var(--repruv-muted, #555a66);
    --_border: var(--repruv-border, #dfe1ea);
    --_danger: var(--repruv-danger, #b42318);
    --_focus: var(--repruv-focus, #f59e0b);
    --_radius: var(--repruv-radius, 16px);
    --_font: var(--repruv-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    display: block;
  }
  /*
   * Inherited properties cross the shadow boundary, and the page's rules on <repruv-chat>
   * itself outrank :host. So the page's text styles (alignment, line height, spacing, size,
   * colour, direction…) stop at this wrapper instead: it takes every property back to its
   * initial value (custom properties, and with them the --repruv-* theme, are not affected).
   * \`all\` leaves \`direction\` alone: the widget speaks only left-to-right languages.
   */
  .root {
    all: initial;
    direction: ltr;
    display: contents;
    visibility: inherit;
    font-family: var(--_font);
    font-size: 15px;
    line-height: 1.5;
    color: var(--_text);
  }
  :host([display='inline']) {
    block-size: var(--repruv-height, 600px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .panel {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--_surface);
    block-size: 100%;
    inline-size: 100%;
  }
  :host([display='inline']) .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  :host([display='fullscreen']) .panel {
    position: fixed;
    inset: 0;
    block-size: var(--repruv-viewport-height, 100dvh);
    padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom)
      env(safe-area-inset-left);
    z-index: var(--repruv-z-index, 2147483000);
  }
  :host([display='bubble']) .panel {
    position: fixed;
    z-index: var(--repruv-z-index, 2147483000);
    inset-inline-end: 20px;
    inset-block-end: 92px;
    inline-size: var(--repruv-panel-width, 400px);
    block-size: min(var(--repruv-panel-height, 640px), calc(100dvh - 120px));
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    box-shadow: 0 16px 48px rgb(0 0 0 / 0.2);
    transform-origin: bottom right;
    animation: panel-in 0.18s ease-out;
  }
  @media (max-width: 480px) {
    :host([display='bubble']) .panel {
      inset: 0;
      inset-block-end: auto;
      inline-size: 100vw;
      block-size: var(--repruv-viewport-height, 100dvh);
      border: 0;
      border-radius: 0;
      padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom)
        env(safe-area-inset-left);
    }
    :host([display='bubble'][open]) .launcher {
      display: none;
    }
  }
  @keyframes panel-in {
    from {
      opacity: 0;
      transform: translateY(12px) scale(0.98);
    }
  }
  .stage {
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px 12px 12px 16px;
    border-block-end: 1px solid var(--_border);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  header h2 {
    flex: 1;
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .icon-button {
    display: grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border: 0;
    border-radius: 10px;
    background: transparent;
    cursor: pointer;
  }
  .icon-button:hover {
    background: rgb(255 255 255 / 0.16);
  }
  header .icon-button:focus-visible {
    outline-color: var(--_on-primary);
  }
  .icon-button svg {
    inline-size: 22px;
    block-size: 22px;
    fill: currentColor;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
