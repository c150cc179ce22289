import { css } from 'lit';

export const messageBubbleStyles = css`
  .msg {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    max-inline-size: 100%;
    animation: msg-in 0.2s ease-out;
  }
  .msg.user {
    flex-direction: row-reverse;
  }
  @keyframes msg-in {
    from {
      opacity: 0;
      transform: translateY(6px);
    }
  }
  .avatar {
    flex: none;
    inline-size: 28px;
    block-size: 28px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 12px;
    font-weight: 600;
  }
  .avatar svg {
    inline-size: 16px;
    block-size: 16px;
    fill: currentColor;
  }
  .user .avatar {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .assistant .avatar {
    background: var(--_accent);
    color: var(--_primary);
    border: 1px solid var(--_border);
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-inline-size: 0;
    max-inline-size: 82%;
  }
  .user .stack {
    align-items: flex-end;
  }
  .bubble {
    padding: 10px 14px;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
    min-inline-size: 0;
  }
  .user .bubble {
    background: var(--_primary);
    color: var(--_on-primary);
    border-end-end-radius: 4px;
  }
  .plain {
    white-space: pre-wrap;
  }
  .assistant .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
    border-end-start-radius: 4px;
  }
  /* Marked without fading: a faded bubble's text fails the contrast minimum (axe). */
  .failed .bubble {
    outline: 2px dashed var(--_danger);
    outline-offset: 2px;
  }
  .bubble > :first-child,
  .bubble > .sr-only + * {
    margin-block-start: 0;
  }
  .bubble > :last-child {
    margin-block-end: 0;
  }
  .bubble p,
  .bubble ul,
  .bubble ol,
  .bubble pre,
  .bubble blockquote {
    margin: 0 0 8px;
  }
  .bubble ul,
  .bubble ol {
    padding-inline-start: 20px;
  }
  .bubble h3,
  .bubble h4,
  .bubble h5,
  .bubble h6 {
    margin: 10px 0 6px;
    font-size: 15px;
  }
  .bubble h3 {
    font-size: 17px;
  }
  .bubble a {
    color: var(--_primary);
    text-decoration: underline;
  }
  .bubble code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 13px;
    background: rgb(0 0 0 / 0.06);
    border-radius: 4px;
    padding: 1px 4px;
  }
  .bubble pre {
    background: #1e1f24;
    color: #f3f4f6;
    border-radius: 8px;
    padding: 10px 12px;
    overflow-x: auto;
  }
  /*
   * A long line scrolls, and the scrollbar must show that it does: overlay scrollbars
   * (macOS, phones, headless Chromium) stay hidden until one scrolls. Styled ones always show.
   */
  .bubble pre::-webkit-scrollbar {
    height: 8px;
  }
  .bubble pre::-webkit-scrollbar-thumb {
    background: rgb(255 255 255 / 0.4);
    border-radius: 4px;
  }
  .bubble pre::-webkit-scrollbar-track {
    background: transparent;
  }
  @supports not selector(::-webkit-scrollbar) {
    .bubble pre {
      scrollbar-width: thin;
      scrollbar-color: rgb(255 255 255 / 0.4) transparent;
    }
  }
  .bubble pre code {
    background: none;
    padding: 0;
    color: inherit;
    white-space: pre;
  }
  .bubble blockquote {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: 10px;
    color: var(--_muted);
  }
  .meta {
    font-size: 13px;
    color: var(--_muted);
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .meta.error {
    color: var(--_danger);
  }
  .retry {
    border: 1px solid currentColor;
    border-radius: 999px;
    background: var(--_surface);
    padding: 2px 10px;
    cursor: pointer;
    font-size: 13px;
  }
  .typing {
    display: inline-flex;
    gap: 4px;
    padding: 6px 2px;
  }
  .typing span {
    inline-size: 7px;
    block-size: 7px;
    border-radius: 50%;
    background: var(--_muted);
    animation: blink 1.2s infinite ease-in-out;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes blink {
    0%,
    80%,
    100% {
      opacity: 0.3;
    }
    40% {
      opacity: 1;
    }
  }
`;
