import type { Message, MessagePage, SearchHit, Session } from '../types.js';

/** One page of a list, and an async iterable over every item from here to the last page. */
export abstract class Page<T> implements AsyncIterable<T> {
  declare data: T[];
  readonly #fetchPage: (params: Record<string, string>) => Promise<Page<T>>;

  constructor(body: object, fetchPage: (params: Record<string, string>) => Promise<Page<T>>) {
    Object.assign(this, body);
    this.#fetchPage = fetchPage;
  }

  /** The query that fetches the next page, or null on the last one. */
  protected abstract nextParams(): Record<string, string> | null;

  hasNextPage(): boolean {
    return !!this.nextParams();
  }

  async getNextPage(): Promise<this> {
    const params = this.nextParams();
    if (!params) throw new Error('No next page');
    return this.#fetchPage(params) as Promise<this>;
  }

  /** The order in which this page's items are iterated. */
  protected items(): T[] {
    return this.data;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* this.items();
    if (this.hasNextPage()) yield* await this.getNextPage();
  }
}

/** A keyset-paged list: iterating follows `next_cursor` to the end. */
export class CursorPage<T> extends Page<T> {
  declare next_cursor: string | null;

  protected nextParams() {
    return this.next_cursor ? { cursor: this.next_cursor } : null;
  }
}

/** `GET /chat/sessions`: latest activity first. */
export type SessionCursorPage = CursorPage<Session>;
/** `GET /chat/search`: best match first, one hit per session. */
export type SearchCursorPage = CursorPage<SearchHit>;

/**
 * `GET /chat/messages/{session_id}`: `data` is chronological; iterating walks back in
 * time, newest message first, loading older pages (`before` = oldest id) as it goes.
 */
export class MessageHistoryPage extends Page<Message> implements MessagePage {
  declare has_more: boolean;

  protected nextParams() {
    const oldest = this.data[0];
    return this.has_more && oldest ? { before: oldest.id } : null;
  }

  protected override items() {
    return [...this.data].reverse();
  }
}

/** A page promise that can also be iterated directly: `for await (const s of client.sessions.list())`. */
export type PagePromise<P extends Page<T>, T> = Promise<P> & AsyncIterable<T>;

/** The first page of a list as a PagePromise; `request` fetches a page from the query params of the one before. */
export function listPages<P extends Page<T>, T>(
  PageClass: new (body: object, fetchPage: (params: Record<string, string>) => Promise<P>) => P,
  request: (params?: Record<string, string>) => Promise<object>,
): PagePromise<P, T> {
  const load = async (params?: Record<string, string>): Promise<P> =>
    new PageClass(await request(params), load);
  const first = load();
  return Object.assign(first, {
    async *[Symbol.asyncIterator]() {
      yield* await first;
    },
  });
}
