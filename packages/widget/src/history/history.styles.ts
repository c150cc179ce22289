import { css } from 'lit';

/* The drawer's own styles; its buttons also take the panel's `.icon` and `.retry` looks. */
export const historyStyles = css`
  :host([display='inline']) .panel,
  .stage {
    position: relative;
  }
  .history {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    z-index: 3;
    inline-size: min(340px, 88%);
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px;
    background: var(--_surface);
    color: var(--_text);
    border-inline-end: 1px solid var(--_border);
    box-shadow: 8px 0 24px rgb(0 0 0 / 0.14);
    animation: history-in 0.16s ease-out;
  }
  @keyframes history-in {
    from {
      transform: translateX(-16px);
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .history {
      animation: none;
    }
  }
  /* A phone: the drawer is the whole panel, header included. */
  @media (max-width: 480px) {
    .stage {
      position: static;
    }
    .history {
      inset: 0;
      inline-size: auto;
      border: 0;
      box-shadow: none;
      padding: max(12px, env(safe-area-inset-top)) max(12px, env(safe-area-inset-right))
        max(12px, env(safe-area-inset-bottom)) max(12px, env(safe-area-inset-left));
    }
  }
  .history-top,
  .history-tools,
  .undo {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .history-top h3 {
    flex: 1;
    margin: 0;
    font-size: 16px;
  }
  .history .icon svg {
    inline-size: 18px;
    block-size: 18px;
  }
  [part='history-close'] svg {
    fill: currentColor;
    stroke: none;
  }
  .search-input,
  .rename-input {
    flex: 1;
    min-inline-size: 0;
    padding: 7px 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  [part='archived-toggle'][aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .history-new {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 7px 10px;
    border: 1px dashed var(--_border);
    border-radius: 8px;
    background: none;
    cursor: pointer;
  }
  .history-new svg {
    inline-size: 18px;
    block-size: 18px;
    fill: currentColor;
  }
  .history-scroll {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .history-scroll > .retry {
    align-self: center;
  }
  .history-list {
    display: grid;
    gap: 2px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .history-item {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: start;
    gap: 4px;
    padding: 4px;
    border-radius: 8px;
  }
  .history-item:hover,
  .history-item:focus-within {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .history-open {
    display: grid;
    gap: 2px;
    padding: 4px 6px;
    border: 0;
    border-inline-start: 3px solid transparent;
    border-radius: 6px;
    background: none;
    text-align: start;
    cursor: pointer;
  }
  .history-open[aria-current] {
    border-inline-start-color: var(--_primary);
  }
  .item-title {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .item-time,
  .item-snippet {
    font-size: 13px;
    color: var(--_muted);
  }
  .item-snippet {
    overflow-wrap: anywhere;
  }
  mark {
    background: #fde68a;
    color: #1c1d21;
    border-radius: 2px;
  }
  .item-actions {
    display: flex;
    color: var(--_muted);
  }
  .item-form {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 0 6px 4px;
    font-size: 13px;
  }
  .danger {
    color: var(--_danger);
  }
  .history-empty,
  .history-notice {
    margin: 4px 6px;
    font-size: 14px;
    color: var(--_muted);
  }
  .history-notice {
    color: var(--_danger);
  }
  .undo {
    justify-content: space-between;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--_text);
    color: var(--_surface);
  }
  .undo .retry {
    background: none;
    color: inherit;
  }
`;
