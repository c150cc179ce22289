import { RepruvChat } from './components/chat/chat.component.js';

/** Registers `<repruv-chat>` (or `tagName`) unless it already is; safe to call twice, and on a server. */
export function defineRepruvChat(tagName = 'repruv-chat'): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(
    tagName,
    tagName === 'repruv-chat' ? RepruvChat : class extends RepruvChat {},
  );
}
