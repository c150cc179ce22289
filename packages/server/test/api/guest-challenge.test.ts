/** The proof-of-work challenge of a site with `challenge: on`, attacked as a bot would. */
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Site } from '../../src/db/models/index.js';
import { expectError } from '../support/contract.js';
import {
  encodeSolution,
  fetchChallenge,
  LOCAL_ORIGIN,
  requestGuestToken,
  solvedChallenge,
  solveNumber,
  userHash,
  type Challenge,
} from '../support/guests.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let site: Site;
let otherSite: Site;
beforeAll(async () => {
  t = await startTestServer();
  site = await t.server.sites.add('Challenged', ['http://localhost:*'], { challenge: 'on' });
  otherSite = await t.server.sites.add('Also challenged', ['http://localhost:*'], {
    challenge: 'on',
  });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const withSolution = (solution: unknown, siteKey = site.site_key) =>
  requestGuestToken(t, { site_key: siteKey, challenge_solution: solution });

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('GET /auth/challenge', () => {
  test("answers altcha's classic challenge, signed, for five minutes, never cached", async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await t.request(`/auth/challenge?site_key=${site.site_key}`, {
      as: null,
      headers: { Origin: LOCAL_ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const challenge = (await readJson(response)) as Challenge;
    expect(Object.keys(challenge).sort()).toEqual([
      'algorithm',
      'challenge',
      'maxnumber',
      'salt',
      'signature',
    ]);
    expect(challenge.algorithm).toBe('SHA-256');
    expect(challenge.maxnumber).toBe(1000); // CHALLENGE_MAX_NUMBER of the test support
    expect(challenge.challenge).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    const expires = Number(new URLSearchParams(challenge.salt.split('?')[1]).get('expires'));
    expect(expires).toBeGreaterThanOrEqual(before + 299);
    expect(expires).toBeLessThanOrEqual(before + 301);
    expect(solveNumber(challenge)).toBeLessThanOrEqual(challenge.maxnumber);
    // Each challenge is new.
    expect((await fetchChallenge(t, site.site_key)).challenge).not.toBe(challenge.challenge);
  });

  test('checks the site and the origin as POST /auth/guest does (403 alike)', async () => {
    const get = (query: string, headers: Record<string, string> = { Origin: LOCAL_ORIGIN }) =>
      t.request(`/auth/challenge${query}`, { as: null, headers });
    const unknown = await expectError(await get('?site_key=pk_live_unknown'), 403, 'forbidden');
    const foreign = await expectError(
      await get(`?site_key=${site.site_key}`, { Origin: 'https://evil.example' }),
      403,
      'forbidden',
    );
    expect(unknown.error.message).toBe(foreign.error.message);
    await expectError(await get('?site_key=pk_live_unknown', {}), 403, 'forbidden');
  });

  test('a same-origin page (no Origin on its GET) gets a challenge; the token still needs an allowed Origin', async () => {
    const response = await t.request(`/auth/challenge?site_key=${site.site_key}`, {
      as: null,
      headers: {},
    });
    expect(response.status).toBe(200);
    const challenge = await readJson(response);
    const solution = encodeSolution(challenge, solveNumber(challenge));
    const withoutOrigin = await t.request('/auth/guest', {
      as: null,
      method: 'POST',
      json: { site_key: site.site_key, challenge_solution: solution },
      headers: {},
    });
    await expectError(withoutOrigin, 403, 'forbidden');
  });

  test('a missing, repeated, empty or huge site_key is a 400', async () => {
    const get = (query: string) =>
      t.request(`/auth/challenge${query}`, { as: null, headers: { Origin: LOCAL_ORIGIN } });
    await expectError(await get(''), 400, 'invalid_request');
    await expectError(await get('?site_key='), 400, 'invalid_request');
    await expectError(await get(`?site_key=a&site_key=b`), 400, 'invalid_request');
    await expectError(await get(`?site_key=${'k'.repeat(5000)}`), 400, 'invalid_request');
  });
});

describe('POST /auth/guest on a site with challenge on', () => {
  test('without a solution: 401 challenge_required, naming where to get one', async () => {
    const response = await requestGuestToken(t, { site_key: site.site_key });
    const body = await expectError(response, 401, 'challenge_required');
    expect(body.error.message).toContain('GET /api/v1/auth/challenge');
  });

  test('a valid solution (solved here with node:crypto) gets a token that opens the API', async () => {
    const response = await withSolution(await solvedChallenge(t, site.site_key));
    expect(response.status).toBe(200);
    const { token } = await readJson(response);
    expect(decodeJwt(token)).toMatchObject({ site: site.id });
    const listed = await t.request('/chat/sessions', {
      as: null,
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(200);
  });

  test('a wrong number is refused', async () => {
    const challenge = await fetchChallenge(t, site.site_key);
    const wrong = (solveNumber(challenge) + 1) % (challenge.maxnumber + 1);
    await expectError(
      await withSolution(encodeSolution(challenge, wrong)),
      401,
      'challenge_required',
    );
  });

  test('a solution is accepted once: a replay is refused, and of two at once one wins', async () => {
    const solution = await solvedChallenge(t, site.site_key);
    expect((await withSolution(solution)).status).toBe(200);
    const replay = await expectError(await withSolution(solution), 401, 'challenge_required');
    expect(replay.error.message).toMatch(/used already/);

    const raced = await solvedChallenge(t, site.site_key);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => (await withSolution(raced)).status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(7);
  });

  test('an expired solution is refused', async () => {
    const challenge = await fetchChallenge(t, site.site_key);
    const solution = encodeSolution(challenge, solveNumber(challenge));
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5 * 60_000 + 1_000 });
    await expectError(await withSolution(solution), 401, 'challenge_required');
  });

  test("another site's challenge does not open this site", async () => {
    const foreign = await solvedChallenge(t, otherSite.site_key);
    await expectError(await withSolution(foreign), 401, 'challenge_required');
    // Not spent by the refusal: it still opens its own site.
    expect((await withSolution(foreign, otherSite.site_key)).status).toBe(200);
  });

  test('a tampered challenge is refused: a later expiry, another salt, a forged signature', async () => {
    const challenge = await fetchChallenge(t, site.site_key);
    const number = solveNumber(challenge);
    const later = challenge.salt.replace(/expires=(\d+)/, (_, s) => `expires=${Number(s) + 3600}`);
    const forged = [
      { ...challenge, salt: later },
      { ...challenge, signature: 'a'.repeat(64) },
      { ...challenge, signature: challenge.signature.toUpperCase() },
      { ...challenge, algorithm: 'SHA-1' },
    ];
    for (const tampered of forged) {
      await expectError(
        await withSolution(encodeSolution(tampered as Challenge, number)),
        401,
        'challenge_required',
      );
    }
    // The real one was not spent by any of these.
    expect((await withSolution(encodeSolution(challenge, number))).status).toBe(200);
  });

  test.each([
    ['not base64', '!!!***'],
    ['base64 of something not JSON', Buffer.from('not json').toString('base64')],
    ['base64 of a JSON array', base64([1, 2, 3])],
    ['base64 of null', base64(null)],
    [
      'a payload with wrong types',
      base64({ algorithm: 'SHA-256', challenge: 1, number: '5', salt: {}, signature: [] }),
    ],
    [
      'a negative number',
      base64({
        algorithm: 'SHA-256',
        challenge: 'a'.repeat(64),
        number: -1,
        salt: 'x&',
        signature: 'a'.repeat(64),
      }),
    ],
    [
      'a fractional number',
      base64({
        algorithm: 'SHA-256',
        challenge: 'a'.repeat(64),
        number: 1.5,
        salt: 'x&',
        signature: 'a'.repeat(64),
      }),
    ],
    [
      'a huge salt',
      base64({
        algorithm: 'SHA-256',
        challenge: 'a'.repeat(64),
        number: 1,
        salt: 'x'.repeat(1200),
        signature: 'a'.repeat(64),
      }),
    ],
  ])('garbage is refused as a 401, never a 500: %s', async (_name, solution) => {
    await expectError(await withSolution(solution), 401, 'challenge_required');
  });

  test.each([
    ['a number', 12345],
    ['an object', { number: 1 }],
    ['null', null],
    ['an empty string', ''],
    ['a string over 2,000 characters', 'A'.repeat(2001)],
  ])('challenge_solution as %s is a 400', async (_name, solution) => {
    await expectError(await withSolution(solution), 400, 'invalid_request');
  });

  test('renewing a guest token of this site needs no new challenge, and keeps the identity', async () => {
    const first = await readJson(await withSolution(await solvedChallenge(t, site.site_key)));
    const renewed = await requestGuestToken(
      t,
      { site_key: site.site_key },
      { previousToken: first.token },
    );
    expect(renewed.status).toBe(200);
    expect(decodeJwt((await readJson(renewed)).token).sub).toBe(decodeJwt(first.token).sub);
    // A token of another site is no renewal here.
    const other = await readJson(
      await withSolution(await solvedChallenge(t, otherSite.site_key), otherSite.site_key),
    );
    await expectError(
      await requestGuestToken(t, { site_key: site.site_key }, { previousToken: other.token }),
      401,
      'challenge_required',
    );
  });

  test('a user verified by the host needs no challenge', async () => {
    const response = await requestGuestToken(t, {
      site_key: site.site_key,
      user_id: 'host-user-7',
      user_hash: userHash(site.identity_secret!, 'host-user-7'),
    });
    expect(response.status).toBe(200);
  });
});

describe('POST /auth/guest on a site with challenge off', () => {
  test('needs no solution, and one sent along is not looked at', async () => {
    expect((await requestGuestToken(t, { site_key: 'pk_dev' })).status).toBe(200);
    expect((await withSolution('not even base64!', 'pk_dev')).status).toBe(200);
  });

  test('a challenge setting changed by the registry applies to the next request', async () => {
    const later = await t.server.sites.add('Turned on later', ['http://localhost:*']);
    expect((await requestGuestToken(t, { site_key: later.site_key })).status).toBe(200);
    await t.server.sites.update(later.site_key, { challenge: 'on' });
    await expectError(
      await requestGuestToken(t, { site_key: later.site_key }),
      401,
      'challenge_required',
    );
  });
});
