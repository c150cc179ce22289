/** `@repruv/widget/define`: registers `<repruv-chat>`. */
import { defineRepruvChat } from './define-element.js';

defineRepruvChat();

export { RepruvChat } from './components/chat/chat.component.js';
