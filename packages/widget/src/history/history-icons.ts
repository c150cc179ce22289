import { svg } from 'lit';

// Line icons of the drawer's item actions: stroked, as the message actions' (the `.icon` class).
const icon = (d: string) =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${d}></path></svg>`;

export const archiveIcon = () => icon('M3 4h18v4H3zM5 8v12h14V8M10 12h4');
export const unarchiveIcon = () => icon('M3 4h18v4H3zM5 8v12h14V8M12 17v-6M9 13l3-3 3 3');
export const deleteIcon = () => icon('M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13');
export const exportIcon = () => icon('M12 4v11M7 10l5 5 5-5M5 20h14');
