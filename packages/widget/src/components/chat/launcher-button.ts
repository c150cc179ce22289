import { html } from 'lit';
import type { WidgetStrings } from '../../i18n/strings.js';
import { chatIcon, closeIcon } from '../icons.js';

export interface LauncherButtonProps {
  strings: WidgetStrings;
  opened: boolean;
  onToggle: () => void;
  onKeydown: (event: KeyboardEvent) => void;
}

/**
 * The bubble's own button, once the panel chunk has loaded: opens and closes the panel.
 *
 * @csspart launcher - the bubble button
 */
export function renderLauncherButton({
  strings,
  opened,
  onToggle,
  onKeydown,
}: LauncherButtonProps) {
  return html`<button
    part="launcher"
    class="launcher"
    type="button"
    aria-label=${opened ? strings.closeChat : strings.openChat}
    aria-haspopup="dialog"
    aria-expanded=${opened ? 'true' : 'false'}
    tabindex=${opened ? '-1' : '0'}
    @click=${onToggle}
    @keydown=${onKeydown}
  >
    ${opened ? closeIcon() : chatIcon()}
  </button>`;
}
