import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createSession, insertChain } from './contract.js';
import { readJson } from './http.js';
import type { TestServer } from './test-server.js';
import { alternating, type ChainRow } from './tree-rows.js';

/** A user of one's own, so that what other tests stored is never found. */
export const freshUser = () => `searcher-${randomUUID()}`;

/** GET /chat/search with `params`; expects 200 and returns the page. */
export async function search(
  t: TestServer,
  as: string,
  params: Record<string, string>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const response = await t.request(`/chat/search?${new URLSearchParams(params)}`, { as });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** The highlighted parts of a hit's snippet, read through its code points. */
export function marks(hit: { snippet: string; highlights: [number, number][] }): string[] {
  const chars = Array.from(hit.snippet);
  return hit.highlights.map(([start, end]) => chars.slice(start, end).join(''));
}

/** A session of `as` holding `texts` as alternating user / assistant messages. */
export async function sessionWith(
  t: TestServer,
  as: string,
  texts: string[],
  body: Record<string, unknown> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ session: any; ids: string[] }> {
  const session = await createSession(t, as, body);
  const rows: ChainRow[] = alternating(texts.length).map((row, i) => ({
    ...row,
    content: texts[i]!,
  }));
  const ids = await insertChain(t, session.id, rows);
  return { session, ids };
}
