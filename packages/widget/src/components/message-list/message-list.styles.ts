import { css } from 'lit';

export const messageListStyles = css`
  .body {
    position: relative;
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    overflow-anchor: none;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .log[hidden] {
    display: none;
  }
  .older {
    position: absolute;
    inset-block-start: 8px;
    inset-inline: 0;
    margin: 0 auto;
    inline-size: max-content;
    padding: 4px 12px;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 13px;
  }
  .empty {
    flex: 1;
    overflow-y: auto;
    padding: 24px 16px;
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    gap: 8px;
  }
  .empty .avatar {
    inline-size: 48px;
    block-size: 48px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_accent);
    color: var(--_primary);
    border: 1px solid var(--_border);
  }
  .empty .avatar svg {
    inline-size: 26px;
    block-size: 26px;
    fill: currentColor;
  }
  .empty h3 {
    margin: 8px 0 0;
    font-size: 18px;
  }
  .empty p {
    margin: 0;
    color: var(--_muted);
  }
  .prompts {
    list-style: none;
    margin: 12px 0 0;
    padding: 0;
    display: grid;
    gap: 8px;
    inline-size: 100%;
  }
  .prompt {
    inline-size: 100%;
    text-align: start;
    padding: 10px 14px;
    border: 1px solid var(--_border);
    border-radius: 12px;
    background: var(--_surface);
    cursor: pointer;
    transition:
      background 0.15s ease,
      border-color 0.15s ease;
  }
  .prompt:hover {
    background: var(--_accent);
    border-color: var(--_primary);
  }
  .jump {
    position: absolute;
    inset-block-end: 12px;
    inset-inline-start: 50%;
    transform: translateX(-50%);
    padding: 6px 14px;
    border: 0;
    border-radius: 999px;
    background: var(--_text);
    color: var(--_surface);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
    cursor: pointer;
    font-size: 13px;
  }
`;
