/** The drawer's id, named by the history button's `aria-controls` (in the panel, not the chunk). */
export const HISTORY_PANEL_ID = 'history-panel';
