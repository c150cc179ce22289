/** Host-verified identities on POST /auth/guest: user_id + user_hash, forged and replayed. */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Site } from '../../src/db/models/index.js';
import { expectError } from '../support/contract.js';
import { requestGuestToken, userHash } from '../support/guests.js';
import { readJson } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let site: Site;
let strict: Site;
beforeAll(async () => {
  t = await startTestServer();
  site = await t.server.sites.add('Host', ['http://localhost:*']);
  strict = await t.server.sites.add('Members only', ['http://localhost:*'], {
    identity: 'required',
  });
});
afterAll(async () => {
  await t?.close();
});

const asUser = (
  of: Site,
  userId: unknown,
  hash: unknown = userHash(of.identity_secret!, String(userId)),
) => requestGuestToken(t, { site_key: of.site_key, user_id: userId, user_hash: hash });

async function tokenOf(response: Response): Promise<string> {
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.token as string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('a verified user', () => {
  test('is named site:<site id>:<user_id> in the token', async () => {
    const token = await tokenOf(await asUser(site, 'user-42'));
    expect(decodeJwt(token)).toMatchObject({ sub: `site:${site.id}:user-42`, site: site.id });
  });

  test('keeps one history on two devices (two first requests, no previous token)', async () => {
    const phone = await tokenOf(await asUser(site, 'traveller'));
    const laptop = await tokenOf(await asUser(site, 'traveller'));
    const created = await t.request('/chat/sessions', {
      method: 'POST',
      as: null,
      headers: bearer(phone),
      json: { title: 'From the phone' },
    });
    expect(created.status).toBe(201);
    const session = await readJson(created);
    const listed = await readJson(
      await t.request('/chat/sessions', { as: null, headers: bearer(laptop) }),
    );
    expect(listed.data.map((s: { id: string }) => s.id)).toEqual([session.id]);
    // An anonymous guest, and the same user id of another site, see none of it.
    for (const other of [
      await tokenOf(await requestGuestToken(t, { site_key: site.site_key })),
      await tokenOf(await asUser(strict, 'traveller')),
    ]) {
      const theirs = await readJson(
        await t.request('/chat/sessions', { as: null, headers: bearer(other) }),
      );
      expect(theirs.data).toEqual([]);
    }
  });

  test('the hash may be written in capitals; a Unicode user id works', async () => {
    const upper = userHash(site.identity_secret!, 'u-1').toUpperCase();
    expect((await asUser(site, 'u-1', upper)).status).toBe(200);
    expect((await asUser(site, 'Zoë 🦊 名前')).status).toBe(200);
    expect((await asUser(site, 'x'.repeat(255))).status).toBe(200);
  });

  test('wins over a previous guest token sent along', async () => {
    const guest = await tokenOf(await requestGuestToken(t, { site_key: site.site_key }));
    const response = await requestGuestToken(
      t,
      {
        site_key: site.site_key,
        user_id: 'signed-in',
        user_hash: userHash(site.identity_secret!, 'signed-in'),
      },
      { previousToken: guest },
    );
    expect(decodeJwt(await tokenOf(response)).sub).toBe(`site:${site.id}:signed-in`);
  });

  test('is not kept by a renewal without user_id (the host user signed out)', async () => {
    const verified = await tokenOf(await asUser(site, 'leaving'));
    const renewed = await requestGuestToken(
      t,
      { site_key: site.site_key },
      { previousToken: verified },
    );
    expect(decodeJwt(await tokenOf(renewed)).sub).toMatch(/^guest:/);
  });
});

describe('a forged or misplaced user_hash', () => {
  test('a made-up hash: 401 unauthorized', async () => {
    const body = await expectError(
      await asUser(site, 'victim', 'ab'.repeat(32)),
      401,
      'unauthorized',
    );
    expect(body.error.message).toMatch(/user_hash does not match/);
    await expectError(await asUser(site, 'victim', 'not hex at all'), 401, 'unauthorized');
  });

  test("another user's hash: 401", async () => {
    await expectError(
      await asUser(site, 'victim', userHash(site.identity_secret!, 'attacker')),
      401,
      'unauthorized',
    );
  });

  test("another site's hash does not work on this site", async () => {
    await expectError(
      await asUser(site, 'victim', userHash(strict.identity_secret!, 'victim')),
      401,
      'unauthorized',
    );
  });

  test('user_id without user_hash: 401', async () => {
    const response = await requestGuestToken(t, { site_key: site.site_key, user_id: 'victim' });
    const body = await expectError(response, 401, 'unauthorized');
    expect(body.error.message).toMatch(/needs user_hash/);
  });

  test('a rotated secret: the old hashes stop working, the new ones work', async () => {
    const rotating = await t.server.sites.add('Rotating', ['http://localhost:*']);
    const oldHash = userHash(rotating.identity_secret!, 'member');
    expect((await asUser(rotating, 'member', oldHash)).status).toBe(200);
    const secret = await t.server.sites.rotateSecret(rotating.site_key);
    expect(secret).toMatch(/^sk_id_[0-9a-f]{48}$/);
    await expectError(await asUser(rotating, 'member', oldHash), 401, 'unauthorized');
    expect((await asUser(rotating, 'member', userHash(secret!, 'member'))).status).toBe(200);
  });
});

describe('ill-formed identities are 400s', () => {
  test.each([
    ['an empty user_id', ''],
    ['a user_id over 255 characters', 'x'.repeat(256)],
    ['a numeric user_id', 42],
    ['a null user_id', null],
    ['an array user_id', ['a']],
    ['an object user_id', { id: 'a' }],
    ['a user_id with NUL', 'a\u0000b'],
    ['a user_id with a newline', 'a\nb'],
    ['a user_id with an unpaired surrogate', 'a\ud800b'],
  ])('%s', async (_name, userId) => {
    await expectError(await asUser(site, userId, 'ab'.repeat(32)), 400, 'invalid_request');
  });

  test.each([
    ['a numeric user_hash', 1234],
    ['an empty user_hash', ''],
    ['a huge user_hash', 'a'.repeat(10_000)],
  ])('%s', async (_name, hash) => {
    await expectError(await asUser(site, 'someone', hash), 400, 'invalid_request');
  });

  test('user_hash without user_id', async () => {
    const response = await requestGuestToken(t, {
      site_key: site.site_key,
      user_hash: 'ab'.repeat(32),
    });
    const body = await expectError(response, 400, 'invalid_request');
    expect(body.error.message).toContain('user_hash');
  });

  test('an unknown field', async () => {
    const response = await requestGuestToken(t, { site_key: site.site_key, userId: 'camel' });
    await expectError(response, 400, 'invalid_request');
  });
});

describe('a site with identity: required', () => {
  test('refuses an anonymous visitor, saying a verified user is required', async () => {
    const body = await expectError(
      await requestGuestToken(t, { site_key: strict.site_key }),
      401,
      'unauthorized',
    );
    expect(body.error.message).toMatch(/requires a verified user/);
  });

  test('refuses a renewal of an anonymous guest token', async () => {
    const guest = await tokenOf(await requestGuestToken(t, { site_key: site.site_key }));
    await expectError(
      await requestGuestToken(t, { site_key: strict.site_key }, { previousToken: guest }),
      401,
      'unauthorized',
    );
  });

  test('admits a verified user', async () => {
    const token = await tokenOf(await asUser(strict, 'member-1'));
    expect(decodeJwt(token).sub).toBe(`site:${strict.id}:member-1`);
  });
});
