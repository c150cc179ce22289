import type { HttpClient } from '../core/http.js';
import {
  CursorPage,
  listPages,
  type PagePromise,
  type SearchCursorPage,
} from '../core/pagination.js';
import type { RequestOptions, SearchHit, SearchParams } from '../types.js';

const isoTime = (time?: Date | string) => (time instanceof Date ? time.toISOString() : time);

/** `GET /chat/search`: the caller's sessions whose title or any message matches `q`. */
export function searchSessions(
  http: HttpClient,
  { from, to, ...query }: SearchParams,
  options?: RequestOptions,
): PagePromise<SearchCursorPage, SearchHit> {
  return listPages(CursorPage<SearchHit>, (params) =>
    http.request({
      ...options,
      path: '/chat/search',
      query: { ...query, from: isoTime(from), to: isoTime(to), ...params },
    }),
  );
}
