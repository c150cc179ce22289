import { css } from 'lit';

/* The editor's and the comment form's textareas take the composer's textarea style. */
export const messageActionsStyles = css`
  .actions,
  .nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    color: var(--_muted);
    font-size: 13px;
  }
  .icon {
    inline-size: 28px;
    block-size: 28px;
    display: grid;
    place-items: center;
    padding: 0;
    border: 0;
    border-radius: 6px;
    background: none;
    cursor: pointer;
  }
  .icon:hover {
    background: var(--_accent);
  }
  .icon:disabled {
    opacity: 0.4;
  }
  .icon svg {
    inline-size: 16px;
    block-size: 16px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  [aria-pressed='true'] {
    color: var(--_primary);
  }
  [aria-pressed='true'] svg {
    fill: currentColor;
  }
  [part~='feedback-down'] svg {
    transform: rotate(180deg);
  }
  [part~='sibling-next'] svg {
    transform: scaleX(-1);
  }
  .editing {
    inline-size: 82%;
  }
  .editor,
  .feedback {
    align-self: stretch;
    display: grid;
    gap: 8px;
  }
  .feedback {
    padding: 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    font-size: 13px;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 6px;
  }
  .buttons [type='submit'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
`;
