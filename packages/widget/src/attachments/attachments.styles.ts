import { css } from 'lit';

export const attachmentsStyles = css`
  :host([display='inline']) .panel {
    position: relative;
  }
  .previews {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: 0;
    padding: 8px 12px 0;
    list-style: none;
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
  }
  .previews + .notice,
  .previews + .composer {
    border-block-start: 0;
  }
  .preview {
    display: flex;
    align-items: center;
    gap: 8px;
    max-inline-size: 100%;
    padding: 4px 4px 4px 4px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    font-size: 13px;
  }
  .preview.refused {
    border-color: var(--_danger);
  }
  .preview-image {
    flex: none;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 6px;
    object-fit: cover;
    display: grid;
    place-items: center;
    background: var(--_accent);
  }
  .preview-text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    max-inline-size: 200px;
  }
  .preview-name,
  .chip-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview progress {
    inline-size: 100%;
    block-size: 6px;
    accent-color: var(--_primary);
  }
  .preview-error {
    color: var(--_danger);
    white-space: normal;
  }
  .remove {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 32px;
    block-size: 32px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    cursor: pointer;
  }
  .remove:hover {
    background: var(--_accent);
  }
  .remove svg,
  .preview-image svg,
  .chip svg,
  .viewer-close svg {
    inline-size: 18px;
    block-size: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
  }
  .remove svg,
  .viewer-close svg {
    fill: currentColor;
    stroke: none;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0 0 6px;
    padding: 0;
    list-style: none;
  }
  .attachments:last-child {
    margin: 0;
  }
  .attachment {
    border: 0;
    padding: 0;
    border-radius: 10px;
    cursor: pointer;
  }
  .thumb {
    display: block;
    overflow: hidden;
    background: rgb(255 255 255 / 0.2);
  }
  .thumb img {
    display: block;
    inline-size: 120px;
    block-size: 120px;
    object-fit: cover;
  }
  .chip {
    display: flex;
    align-items: center;
    gap: 6px;
    max-inline-size: 240px;
    padding: 8px 10px;
    background: var(--_surface);
    color: var(--_text);
    font-size: 13px;
  }
  .chip-pages {
    flex: none;
    color: var(--_muted);
  }
  .drop-target {
    position: absolute;
    inset: 0;
    z-index: 2;
    display: grid;
    place-items: center;
    margin: 0;
    border: 3px dashed var(--_primary);
    border-radius: inherit;
    background: rgb(255 255 255 / 0.88);
    color: var(--_primary);
    font-weight: 600;
    pointer-events: none;
  }
  .viewer-backdrop {
    position: fixed;
    inset: 0;
    z-index: 3;
    display: grid;
    place-items: center;
    padding: 24px;
    background: rgb(0 0 0 / 0.72);
  }
  .viewer {
    position: relative;
    max-inline-size: 100%;
    max-block-size: 100%;
  }
  .viewer-image {
    display: block;
    max-inline-size: min(1568px, calc(100vw - 48px));
    max-block-size: calc(100dvh - 48px);
    border-radius: 8px;
    background: var(--_surface);
  }
  .viewer-close {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-end: 8px;
    display: grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border: 0;
    border-radius: 50%;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    cursor: pointer;
  }
`;
