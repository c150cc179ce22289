import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerPressure } from '../limits/server-pressure.js';
import { claimsAnonymousGuest, GuestShedding, type GuestSheddingOptions } from './shed-guests.js';

const tokenClaiming = (claims: object) =>
  `Bearer eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const ANONYMOUS = tokenClaiming({ sub: 'guest:0b5c', site: 'site-1' });
const calm = () => new ServerPressure({ eventLoop: 1, dbWaiting: 0 }, () => 0);
const pressed = () => new ServerPressure({ eventLoop: 1, dbWaiting: 1 }, () => 5);

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections(); // the held requests of the last test
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** A real HTTP server whose app answers 200, or holds each request until `finish` is called. */
async function serve(options: Partial<GuestSheddingOptions>, hold = false) {
  const held: ServerResponse[] = [];
  let shed = 0;
  const shedding = new GuestShedding({
    pressure: calm(),
    atOnce: 0,
    isAllowedOrigin: async (origin) => origin === 'https://shop.example',
    onShed: () => shed++,
    ...options,
  });
  const app = (_request: IncomingMessage, response: ServerResponse) => {
    if (hold) held.push(response);
    else response.end('ok');
  };
  server = createServer(shedding.guard(app));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ask = (
    authorization: string,
    path = '/api/v1/chat/sessions',
    origin?: string,
    signal?: AbortSignal,
  ) =>
    fetch(`${base}${path}`, {
      headers: { Authorization: authorization, ...(origin ? { Origin: origin } : {}) },
      ...(signal ? { signal } : {}),
    });
  const finishOne = () => held.shift()!.end('ok');
  const heldCount = () => held.length;
  return { ask, finishOne, heldCount, shedCount: () => shed };
}

describe('claimsAnonymousGuest', () => {
  const claims = (authorization: string | undefined) =>
    claimsAnonymousGuest({ headers: { authorization } } as IncomingMessage);

  it('reads a guest token of a site as anonymous, and nothing else', () => {
    expect(claims(ANONYMOUS)).toBe(true);
    expect(claims(tokenClaiming({ sub: 'site:s1:member-7', site: 's1' }))).toBe(false); // verified
    expect(claims(tokenClaiming({ sub: 'guest:1234' }))).toBe(false); // a host token: no site
    expect(claims(tokenClaiming({ sub: 42, site: 's1' }))).toBe(false);
    expect(claims(undefined)).toBe(false);
    expect(claims('Basic dXNlcjpwYXNz')).toBe(false);
    expect(claims('Bearer not-a-jwt')).toBe(false);
    expect(claims('Bearer a.%%%.c')).toBe(false);
    expect(claims(`Bearer a.${Buffer.from('null').toString('base64url')}.c`)).toBe(false);
  });
});

describe('GuestShedding', () => {
  it('refuses every anonymous chat request under pressure, as the JSON error, and no one else', async () => {
    const { ask, shedCount, finishOne, heldCount } = await serve({ pressure: pressed() }, true);
    const lone = ask(ANONYMOUS); // a lone visitor is no flood: one goes in at a time
    await expect.poll(heldCount).toBe(1);
    const refused = await ask(ANONYMOUS, '/api/v1/chat/sessions', 'https://shop.example');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await refused.json()) as { error: { code: string }; request_id: string };
    expect(body.error.code).toBe('overloaded');
    expect(refused.headers.get('x-request-id')).toBe(body.request_id);
    expect(shedCount()).toBe(1);

    const foreign = await ask(ANONYMOUS, '/api/v1/chat/sessions', 'https://evil.example');
    expect(foreign.status).toBe(503);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const host = ask(tokenClaiming({ sub: 'host-user-1' }));
    const minting = ask(ANONYMOUS, '/api/v1/auth/guest'); // minting has limits of its own
    await expect.poll(heldCount).toBe(3);
    finishOne();
    finishOne();
    finishOne();
    expect((await Promise.all([lone, host, minting])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
  });

  it('takes as many anonymous requests at once as it may, refuses the next, and takes one again once one is done', async () => {
    const { ask, finishOne, heldCount } = await serve({ atOnce: 2 }, true);
    const first = ask(ANONYMOUS);
    const second = ask(ANONYMOUS);
    await expect.poll(heldCount).toBe(2);
    expect((await ask(ANONYMOUS)).status).toBe(503);
    const host = ask(tokenClaiming({ sub: 'host-user-1' })); // never counted, never refused
    await expect.poll(heldCount).toBe(3);
    finishOne();
    expect((await first).status).toBe(200);
    const third = ask(ANONYMOUS);
    await expect.poll(heldCount).toBe(3);
    finishOne();
    finishOne();
    finishOne();
    expect((await Promise.all([second, host, third])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
  });

  it('gives the place back when the client goes away before the answer', async () => {
    const { ask, heldCount } = await serve({ atOnce: 1 }, true);
    const gone = new AbortController();
    const abandoned = ask(ANONYMOUS, undefined, undefined, gone.signal).catch(() => 'aborted');
    await expect.poll(heldCount).toBe(1);
    gone.abort();
    expect(await abandoned).toBe('aborted');
    await expect.poll(() => heldCount().toString(), { timeout: 2000 }).toBe('1');
    void ask(ANONYMOUS).catch(() => undefined); // let in: the abandoned one no longer counts
    await expect.poll(heldCount).toBe(2);
  });
});
