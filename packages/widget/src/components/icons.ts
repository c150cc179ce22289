import { svg, type TemplateResult } from 'lit';
import { CHAT_ICON_PATH, CLOSE_ICON_PATH } from './launcher/launcher.styles.js';

const icon = (d: string): TemplateResult =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${d}></path></svg>`;

export const chatIcon = () => icon(CHAT_ICON_PATH);
export const closeIcon = () => icon(CLOSE_ICON_PATH);
export const sendIcon = () => icon('M3 20.5 21 12 3 3.5l.01 6.6L15 12 3.01 13.9z');
export const stopIcon = () => icon('M7 7h10v10H7z');
export const historyIcon = () =>
  icon(
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7z',
  );
export const newChatIcon = () => icon('M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z');
export const sparkIcon = () =>
  icon(
    'M12 2l2.2 6.6L21 11l-6.8 2.4L12 20l-2.2-6.6L3 11l6.8-2.4zM19 16l.9 2.1L22 19l-2.1.9L19 22l-.9-2.1L16 19l2.1-.9z',
  );
export const personIcon = () =>
  icon('M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z');
// Line icons of the message actions: stroked, not filled (message-actions.styles.ts).
export const editIcon = () => icon('M4 20h4L19 9l-4-4L4 16zM13 7l4 4');
export const regenerateIcon = () => icon('M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5');
export const copyIcon = () => icon('M9 9h11v11H9zM5 15H4V4h11v1');
export const forkIcon = () => icon('M14 4h6v6M20 4l-8 8M19 14v6H4V5h6');
export const thumbIcon = () => icon('M7 20H4v-9h3zm0-9 4-7c2 0 3 1 2 4l-1 3h6l-2 9H7');
export const chevronIcon = () => icon('M15 6l-6 6 6 6');
export const clipIcon = () => icon('M15 7v9a3 3 0 0 1-6 0V6a2 2 0 0 1 4 0v9');
