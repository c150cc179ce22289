import type { Message, Page, RepruvClient, Session } from '@repruv/client-sdk';

/** A conversation of the drawer: a session, and the search hit that found it, if searching. */
export interface HistoryEntry {
  session: Session;
  hit: SearchMatch | null;
}

/** Where a search found a session: its best message (null: the title), and the text around it. */
export interface SearchMatch {
  message: Message | null;
  snippet: string;
  /** `[start, end)` in Unicode code points of `snippet`. */
  highlights: number[][];
}

/** What the drawer lists: archived sessions or the others, all of them or those matching `q`. */
export interface HistoryQuery {
  q: string;
  archived: boolean;
}

/** One page of the list; `next` loads the one after it (null on the last). */
export interface HistoryPage {
  entries: HistoryEntry[];
  next: (() => Promise<HistoryPage>) | null;
}

export type ExportFormat = 'md' | 'txt' | 'pdf' | 'json';

export const PAGE_SIZE = 20;

/** The first page of `query`: the session list (newest activity first), or search results (best first). */
export function firstPage(
  api: RepruvClient,
  { q, archived }: HistoryQuery,
  signal: AbortSignal,
): Promise<HistoryPage> {
  const status = archived ? 'archived' : 'active';
  const text = q.trim();
  if (!text) {
    return pageOf(api.sessions.list({ status, limit: PAGE_SIZE }, { signal }), (session) => ({
      session,
      hit: null,
    }));
  }
  return pageOf(api.search({ q: text, status, limit: PAGE_SIZE }, { signal }), (hit) => ({
    session: hit.session,
    hit,
  }));
}

async function pageOf<T>(
  loading: Promise<Page<T>>,
  toEntry: (item: T) => HistoryEntry,
): Promise<HistoryPage> {
  const page = await loading;
  return {
    entries: page.data.map(toEntry),
    next: page.hasNextPage() ? () => pageOf(page.getNextPage(), toEntry) : null,
  };
}

/** The conversation as a file (`name` is the server's file name). */
export function exportSession(api: RepruvClient, id: string, format: ExportFormat): Promise<File> {
  return api.sessions.export(id, { format, as: 'file' });
}
