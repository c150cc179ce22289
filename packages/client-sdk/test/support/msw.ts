/**
 * One msw server per test file, patching the global fetch the SDK uses. Each fake API gets an
 * origin of its own under `.repruv.test`; requests to an origin with no live fake API (one that
 * was closed) fail as a refused connection does. Other origins pass through to the network.
 */
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll } from 'vitest';

export type Handle = (request: Request) => Promise<Response>;

const DOMAIN = '.repruv.test';
const live = new Map<string, Handle>();
let next = 0;

const server = setupServer(
  http.all('*', ({ request }) => {
    const { origin, hostname } = new URL(request.url);
    if (!hostname.endsWith(DOMAIN)) return passthrough();
    return live.get(origin)?.(request) ?? HttpResponse.error();
  }),
);
server.listen({ onUnhandledRequest: 'error' });
afterAll(() => server.close());

/** Routes a fresh origin to `handle`; returns the origin and how to take it down. */
export function serve(handle: Handle): { url: string; close(): void } {
  const url = `http://api-${++next}${DOMAIN}`;
  live.set(url, handle);
  return { url, close: () => live.delete(url) };
}
