/**
 * Minting guest tokens as an attacker would: a flood from one address, spoofed X-Forwarded-For
 * without and with TRUST_PROXY, a flood from many addresses, and two instances sharing Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import {
  randomAddress,
  requestGuestToken,
  solvedChallenge,
  userHash,
  type GuestOptions,
} from '../support/guests.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function mint(t: TestServer, options: GuestOptions = {}, siteKey = 'pk_dev') {
  return requestGuestToken(t, { site_key: siteKey }, options);
}

async function statuses(t: TestServer, count: number, options: () => GuestOptions) {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await mint(t, options())).status);
  return result;
}

function expectRetryAfter(response: Response): void {
  const seconds = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(60);
}

describe('without TRUST_PROXY the socket address is the client, whatever X-Forwarded-For says', () => {
  let t: TestServer;
  beforeAll(async () => {
    // In process (no Redis): other test files mint from 127.0.0.1 too.
    t = await startTestServer({ REDIS_URL: '', GUEST_TOKENS_PER_IP_PER_MINUTE: '10' });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the 11th token of a minute is refused, with Retry-After, though each named another client', async () => {
    // Refused requests (an unknown key, a foreign origin) are no tokens and do not count.
    for (let i = 0; i < 5; i++) {
      await expectError(await mint(t, {}, 'pk_live_unknown'), 403, 'forbidden');
      await expectError(await mint(t, { origin: 'https://evil.example' }), 403, 'forbidden');
    }
    const first = await mint(t, { forwardedFor: randomAddress() });
    expect(first.status).toBe(200);
    const { token } = await readJson(first);
    expect(await statuses(t, 9, () => ({ forwardedFor: randomAddress() }))).toEqual(
      Array(9).fill(200),
    );

    const refused = await mint(t, { forwardedFor: randomAddress() });
    const body = await expectError(refused, 429, 'rate_limited');
    expect(body.error.message).toMatch(/from this address \(at most 10 a minute\)/);
    expectRetryAfter(refused);
    // Without the header, and with a forged chain, it is the same address.
    await expectError(await mint(t), 429, 'rate_limited');
    await expectError(
      await mint(t, { forwardedFor: `${randomAddress()}, ${randomAddress()}` }),
      429,
      'rate_limited',
    );

    // Nothing else is broken: a token minted before works, and so does the server.
    const created = await t.request('/chat/sessions', {
      method: 'POST',
      as: null,
      headers: { Authorization: `Bearer ${token}` },
      json: {},
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('with TRUST_PROXY=1 the hop the proxy wrote is the client', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      REDIS_URL: '',
      TRUST_PROXY: '1',
      GUEST_TOKENS_PER_IP_PER_MINUTE: '2',
      GUEST_TOKENS_PER_SITE_PER_MINUTE: '5',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A site of its own for each test, so that only the test's own tokens count for the site. */
  async function freshSite(): Promise<(options?: GuestOptions) => Promise<Response>> {
    const origin = `https://${randomUUID().slice(0, 8)}.example`;
    const site = await t.server.sites.add('Test site', [origin]);
    return (options = {}) => mint(t, { origin, ...options }, site.site_key);
  }

  async function statusesOf(
    mintFor: (options?: GuestOptions) => Promise<Response>,
    count: number,
    options: () => GuestOptions,
  ) {
    const result: number[] = [];
    for (let i = 0; i < count; i++) result.push((await mintFor(options())).status);
    return result;
  }

  test('different forwarded clients are counted apart', async () => {
    const mintHere = await freshSite();
    const alice = randomAddress();
    const bob = randomAddress();
    expect(await statusesOf(mintHere, 3, () => ({ forwardedFor: alice }))).toEqual([200, 200, 429]);
    expect(await statusesOf(mintHere, 2, () => ({ forwardedFor: bob }))).toEqual([200, 200]);
  });

  test('an address over its limit is refused before its body is read, with the same 429; others are not', async () => {
    const mintHere = await freshSite();
    const client = randomAddress();
    expect(await statusesOf(mintHere, 3, () => ({ forwardedFor: client }))).toEqual([
      200, 200, 429,
    ]);
    // A body that never ends: only a refusal that reads no body can answer it.
    const endless = (forwardedFor: string, signal: AbortSignal) =>
      fetch(`${t.url}/api/v1/auth/guest`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
        body: new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"site')) }),
        duplex: 'half',
        signal,
      } as RequestInit);
    const cut = new AbortController();
    const refused = await endless(client, cut.signal);
    const body = await expectError(refused, 429, 'rate_limited');
    expect(body.error.message).toMatch(/from this address \(at most 2 a minute\)/);
    expectRetryAfter(refused);
    expect(refused.headers.get('x-request-id')).toBe(body.request_id);
    cut.abort();

    // Another address is still read and judged by the app: it waits for its body.
    const other = new AbortController();
    const waiting = endless(randomAddress(), other.signal).then(
      (response) => response.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    other.abort();
    expect(await waiting).toBe('cut');
    expect((await mintHere({ forwardedFor: randomAddress() })).status).toBe(200);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      /repruv_http_requests_total\{method="POST",route="\/api\/v1\/auth\/guest",status="429"\} [2-9]/,
    );
  });

  test('a forged leftmost hop does not escape the limit', async () => {
    const mintHere = await freshSite();
    const client = randomAddress();
    expect(await statusesOf(mintHere, 2, () => ({ forwardedFor: client }))).toEqual([200, 200]);
    // What a client sends is kept by the proxy, which appends the address it saw.
    await expectError(
      await mintHere({ forwardedFor: `${randomAddress()}, ${client}` }),
      429,
      'rate_limited',
    );
    await expectError(
      await mintHere({ forwardedFor: `${randomAddress()},${randomAddress()} , ${client}` }),
      429,
      'rate_limited',
    );
  });

  test('IPv6 clients are counted by their /64', async () => {
    const mintHere = await freshSite();
    const group = () => Math.floor(Math.random() * 0xffff).toString(16);
    const prefix = `2001:db8:${group()}:${group()}`;
    expect(
      await statusesOf(mintHere, 3, () => ({ forwardedFor: `${prefix}:${group()}::1` })),
    ).toEqual([200, 200, 429]);
  });

  test('a request with no X-Forwarded-For (from inside, past the proxy) is the socket address', async () => {
    expect((await (await freshSite())()).status).toBe(200);
  });

  test('a flood from many addresses: the 6th token for a site is refused; another site is not', async () => {
    const mintHere = await freshSite();
    expect(await statusesOf(mintHere, 5, () => ({ forwardedFor: randomAddress() }))).toEqual(
      Array(5).fill(200),
    );
    const refused = await mintHere({ forwardedFor: randomAddress() });
    const body = await expectError(refused, 429, 'rate_limited');
    expect(body.error.message).toMatch(/for this site \(at most 5 a minute/);
    expectRetryAfter(refused);

    const elsewhere = await freshSite();
    expect((await elsewhere({ forwardedFor: randomAddress() })).status).toBe(200);
  });

  test("a site's allowance spent by anonymous mints does not lock out the host's verified users", async () => {
    const origin = `https://${randomUUID().slice(0, 8)}.example`;
    const site = await t.server.sites.add('Test site', [origin]);
    const anonymous = () =>
      mint(t, { origin, forwardedFor: randomAddress() }, site.site_key).then((r) => r.status);
    for (let i = 0; i < 5; i++) expect(await anonymous()).toBe(200);
    expect(await anonymous()).toBe(429);

    const verified = await requestGuestToken(
      t,
      {
        site_key: site.site_key,
        user_id: 'member-1',
        user_hash: userHash(site.identity_secret!, 'member-1'),
      },
      { origin, forwardedFor: randomAddress() },
    );
    expect(verified.status).toBe(200);
    expect(await anonymous()).toBe(429);
  });
});

describe('with TRUST_PROXY=2 the second hop from the right is the client', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      REDIS_URL: '',
      TRUST_PROXY: '2',
      GUEST_TOKENS_PER_IP_PER_MINUTE: '1',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the inner proxy is not the client, nor what the client wrote', async () => {
    const client = randomAddress();
    const cdn = randomAddress();
    expect((await mint(t, { forwardedFor: `${client}, ${cdn}` })).status).toBe(200);
    await expectError(
      await mint(t, { forwardedFor: `${randomAddress()}, ${client}, ${randomAddress()}` }),
      429,
      'rate_limited',
    );
    // Another client behind the same CDN node.
    expect((await mint(t, { forwardedFor: `${randomAddress()}, ${cdn}` })).status).toBe(200);
  });
});

describe('two instances sharing Redis share the limits', () => {
  let a: TestServer;
  let b: TestServer;
  const siteId = randomUUID();
  const siteKey = `pk_live_shared_${siteId.slice(0, 8)}`;
  const challengedId = randomUUID();
  const challengedKey = `pk_live_pow_${challengedId.slice(0, 8)}`;
  beforeAll(async () => {
    const env = {
      REDIS_URL,
      TRUST_PROXY: '1',
      GUEST_TOKENS_PER_IP_PER_MINUTE: '3',
      GUEST_TOKENS_PER_SITE_PER_MINUTE: '6',
    };
    [a, b] = await Promise.all([startTestServer(env), startTestServer(env)]);
    // One deployment: the same site (same id) in the database both instances read.
    for (const t of [a, b]) {
      await t.server.db('sites').insert({
        id: siteId,
        name: 'Shared',
        site_key: siteKey,
        allowed_origins: ['https://shared.example'],
      });
      await t.server.db('sites').insert({
        id: challengedId,
        name: 'Shared, with a challenge',
        site_key: challengedKey,
        allowed_origins: ['http://localhost:*'],
        challenge: 'on',
      });
    }
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const mintOn = (t: TestServer, forwardedFor: string) =>
    mint(t, { forwardedFor, origin: 'https://shared.example' }, siteKey);

  test('an address that got 3 tokens from one instance gets none from the other', async () => {
    const client = randomAddress();
    const got = [];
    for (const t of [a, a, b]) got.push((await mintOn(t, client)).status);
    expect(got).toEqual([200, 200, 200]);
    await expectError(await mintOn(b, client), 429, 'rate_limited');
    await expectError(await mintOn(a, client), 429, 'rate_limited');
  });

  test('the site limit is counted across instances too', async () => {
    // 3 tokens of the site were minted above; 3 more from fresh addresses reach 6.
    const got = [];
    for (const t of [b, a, b]) got.push((await mintOn(t, randomAddress())).status);
    expect(got).toEqual([200, 200, 200]);
    const body = await expectError(await mintOn(a, randomAddress()), 429, 'rate_limited');
    expect(body.error.message).toMatch(/for this site/);
  });

  test('a challenge solution spent on one instance is refused on the other', async () => {
    const solution = await solvedChallenge(a, challengedKey);
    const spend = (t: TestServer) =>
      requestGuestToken(
        t,
        { site_key: challengedKey, challenge_solution: solution },
        { forwardedFor: randomAddress() },
      );
    expect((await spend(b)).status).toBe(200);
    await expectError(await spend(a), 401, 'challenge_required');
    await expectError(await spend(b), 401, 'challenge_required');
  });
});
