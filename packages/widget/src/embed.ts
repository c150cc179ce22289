/**
 * The script-tag launcher (`widget.js`): a tiny classic script that shows the chat bubble
 * at once and loads the panel chunk (Lit, Markdown, SDK) on the first sign of intent —
 * hover, focus, click — or when the browser is idle.
 *
 *   <script src="https://chat.example.com/widget.js" data-site-key="pk_…" defer></script>
 *
 * Optional: data-api-url, data-locale, data-title, data-mode, and for a visitor the host has
 * signed in, data-user-id with data-user-hash (its HMAC, from the host's server).
 */
import { mountLauncher } from './components/launcher/launcher.js';
import { OPEN_CHAT, matchLocale } from './i18n/locale.js';
import type { RepruvChat } from './components/chat/chat.component.js';

/** The hashed file name of the panel chunk, written in by the build. */
declare const __PANEL_FILE__: string;

const OPEN_FLAG = 'repruv.open.';

function start(script: HTMLScriptElement): void {
  const data = script.dataset;
  const scriptUrl = script.src || document.baseURI;
  const locale = data.locale ?? document.documentElement.lang ?? navigator.language;
  const siteKey = data.siteKey ?? '';
  let wantsOpen = false;
  let loading: Promise<void> | null = null;

  const load = (): Promise<void> =>
    (loading ??= import(/* @vite-ignore */ new URL(`widget/${__PANEL_FILE__}`, scriptUrl).href)
      .then(() => customElements.whenDefined('repruv-chat'))
      .then(() => {
        const chat = document.createElement('repruv-chat') as RepruvChat;
        const attrs: Record<string, string | undefined> = {
          display: 'bubble',
          'site-key': siteKey,
          'api-url': data.apiUrl ?? new URL(scriptUrl).origin,
          locale,
          title: data.title,
          mode: data.mode,
          'user-id': data.userId,
          'user-hash': data.userHash,
        };
        for (const [name, value] of Object.entries(attrs)) {
          if (value) chat.setAttribute(name, value);
        }
        document.body.append(chat);
        return chat.updateComplete.then(() => {
          const hadFocus = launcher.hasFocus();
          launcher.remove();
          if (wantsOpen) chat.open();
          else if (hadFocus) chat.focusLauncher();
        });
      })
      .catch((error: unknown) => {
        loading = null;
        console.error('[repruv] the chat panel failed to load', error);
      }));

  const launcher = mountLauncher(OPEN_CHAT[matchLocale(locale)], (kind) => {
    if (kind === 'click') wantsOpen = true;
    void load();
  });

  let reopen = false;
  try {
    reopen = sessionStorage.getItem(OPEN_FLAG + siteKey) === '1';
  } catch {
    // Storage blocked: start closed.
  }
  if (reopen) {
    wantsOpen = true;
    void load();
  } else if ('requestIdleCallback' in window) {
    requestIdleCallback(() => void load(), { timeout: 4000 });
  } else {
    setTimeout(() => void load(), 2500);
  }
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-site-key][src*="widget"]');
if (script && !document.querySelector('repruv-chat[display="bubble"]')) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script));
}
