import { RepruvConsole } from './console-app.js';

// The page's own margin, through the CSSOM: the console's policy allows no inline styles.
const page = new CSSStyleSheet();
page.replaceSync('body { margin: 0; }');
document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];

if (!customElements.get('repruv-console')) customElements.define('repruv-console', RepruvConsole);
