/**
 * The strings of the conversations drawer, loaded with its chunk (only `conversations`, the
 * history button's name, is in the panel; Cancel and New chat are the panel's). `{title}` is a conversation's title, `{n}` a count.
 */
export interface HistoryStrings {
  closeHistory: string;
  searchLabel: string;
  searchPlaceholder: string;
  /** The toggle (`aria-pressed`) that shows archived conversations instead of the others. */
  showArchived: string;
  loadMore: string;
  loading: string;
  noConversations: string;
  noArchived: string;
  noMatches: string;
  /** Said once the list or a search's results are shown. */
  oneConversation: string;
  conversationCount: string;
  /** The same when there are more pages to load. */
  moreConversations: string;
  rename: string;
  /** The label of the box a title is edited in. */
  titleLabel: string;
  renamed: string;
  archive: string;
  unarchive: string;
  archived: string;
  unarchived: string;
  delete: string;
  /** The question of the delete confirmation; its buttons are `deleteConfirm` and Cancel. */
  deleteQuestion: string;
  deleteConfirm: string;
  deleted: string;
  undo: string;
  export: string;
  /** The name of the list of formats an export offers. */
  exportAs: string;
  /** The plain-text format (Markdown, PDF and JSON are called so everywhere). */
  plainText: string;
  failed: string;
}

/** The English ones; the other locales' are in locales/*.ts, loaded with the panel's strings. */
export const HISTORY_EN: HistoryStrings = {
  closeHistory: 'Close conversations',
  searchLabel: 'Search conversations',
  searchPlaceholder: 'Search…',
  showArchived: 'Archived',
  loadMore: 'Load more',
  loading: 'Loading…',
  noConversations: 'No conversations yet',
  noArchived: 'No archived conversations',
  noMatches: 'No conversations match',
  oneConversation: '1 conversation',
  conversationCount: '{n} conversations',
  moreConversations: 'More than {n} conversations',
  rename: 'Rename {title}',
  titleLabel: 'Title',
  renamed: 'Renamed',
  archive: 'Archive {title}',
  unarchive: 'Unarchive {title}',
  archived: 'Archived',
  unarchived: 'Unarchived',
  delete: 'Delete {title}',
  deleteQuestion: 'Delete “{title}”?',
  deleteConfirm: 'Delete',
  deleted: 'Deleted',
  undo: 'Undo',
  export: 'Export {title}',
  exportAs: 'Download {title} as',
  plainText: 'Text',
  failed: 'That did not work. Try again.',
};

/** `table` (the locale's, from its chunk; English when null), with any of it replaced by `overrides`. */
export function resolveHistoryStrings(
  table: HistoryStrings | null | undefined,
  overrides: Partial<HistoryStrings> = {},
): HistoryStrings {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => typeof value === 'string'),
  );
  return { ...(table ?? HISTORY_EN), ...defined };
}
