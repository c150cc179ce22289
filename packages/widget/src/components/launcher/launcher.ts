import { CHAT_ICON_PATH, launcherCss } from './launcher.styles.js';

/**
 * The bubble the script-tag embed shows before the panel chunk has loaded: plain DOM in
 * its own shadow root, styled through a constructed stylesheet (no inline styles, so a
 * strict CSP is fine).
 */
export function mountLauncher(
  label: string,
  onIntent: (kind: 'hover' | 'focus' | 'click') => void,
) {
  const host = document.createElement('repruv-launcher');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(launcherCss);
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', CHAT_ICON_PATH);
  svg.append(path);
  button.append(svg);
  root.append(button);
  button.addEventListener('pointerenter', () => onIntent('hover'), { once: true });
  button.addEventListener('focus', () => onIntent('focus'), { once: true });
  button.addEventListener('click', () => onIntent('click'));
  document.body.append(host);
  return {
    hasFocus: () => root.activeElement === button,
    remove: () => host.remove(),
  };
}
