/**
 * `@repruv/widget`: the `<repruv-chat>` element class and its types. Importing this module
 * defines nothing and touches no `window`, so it is safe during server-side rendering;
 * import `@repruv/widget/define` to register the element.
 */
export { RepruvChat, type ChatDisplay } from './components/chat/chat.component.js';
export type { ChatMessage, ChatMessageStatus } from './controllers/chat-message.js';
export type { SiteLook } from './controllers/site-config.js';
export type { RepruvEvent, RepruvEventDetails, RepruvEventName } from './events.js';
export { LOCALES, resolveStrings, type Locale } from './i18n/all-locales.js';
export type { WidgetStrings } from './i18n/strings.js';
export { defineRepruvChat } from './define-element.js';
