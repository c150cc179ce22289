/** The panel chunk the script-tag launcher loads: Lit, the element, Markdown and the SDK. */
import './define.js';
