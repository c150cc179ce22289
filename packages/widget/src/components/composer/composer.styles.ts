import { css } from 'lit';

export const composerStyles = css`
  .notice {
    margin: 0;
    padding: 8px 12px 0;
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_muted);
    font-size: 13px;
  }
  .notice + .composer {
    border-block-start: 0;
  }
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
  }
  textarea {
    flex: 1;
    resize: none;
    field-sizing: content;
    min-block-size: 44px;
    max-block-size: 160px;
    padding: 10px 12px;
    border: 1px solid var(--_border);
    border-radius: 12px;
    font: inherit;
    font-size: 16px;
    line-height: 1.4;
    color: var(--_text);
    background: var(--_surface);
  }
  textarea::placeholder {
    color: var(--_muted);
  }
  textarea:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 0;
    border-color: var(--_primary);
  }
  .attach,
  .send,
  .stop {
    flex: none;
    inline-size: 44px;
    block-size: 44px;
    border: 0;
    border-radius: 12px;
    display: grid;
    place-items: center;
    cursor: pointer;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .stop {
    background: var(--_text);
    color: var(--_surface);
  }
  .attach {
    background: none;
    color: var(--_muted);
  }
  .send:disabled {
    background: var(--_border);
    color: var(--_muted);
    cursor: default;
  }
  .attach svg,
  .send svg,
  .stop svg {
    inline-size: 20px;
    block-size: 20px;
    fill: currentColor;
  }
  .attach svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
  }
`;
