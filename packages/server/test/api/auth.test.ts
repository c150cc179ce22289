import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectError, expectIsoTime } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { TEST_JWT_SECRET, startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

function guest(siteKey: unknown, headers: Record<string, string> = {}) {
  return t.request('/auth/guest', {
    method: 'POST',
    as: null,
    headers: { Origin: 'http://localhost:5173', ...headers },
    json: { site_key: siteKey },
  });
}

describe('POST /auth/guest', () => {
  test('the dev site key from a localhost origin gets a token that works on the API', async () => {
    const before = Date.now();
    const response = await guest('pk_dev');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const body = await readJson(response);
    expect(Object.keys(body).sort()).toEqual(['expires_at', 'token']);
    expect(typeof body.token).toBe('string');
    expectIsoTime(body.expires_at);
    const expiresAt = new Date(body.expires_at).getTime();
    expect(expiresAt).toBeGreaterThan(before);
    expect(expiresAt).toBeLessThanOrEqual(before + 3600_000 + 5000);

    const headers = { Authorization: `Bearer ${body.token}` };
    const created = await t.request('/chat/sessions', {
      method: 'POST',
      as: null,
      headers,
      json: {},
    });
    expect(created.status).toBe(201);
    const session = await readJson(created);
    const listed = await readJson(await t.request('/chat/sessions', { as: null, headers }));
    expect(listed.data.map((s: { id: string }) => s.id)).toEqual([session.id]);
    // Another guest is another user.
    const other = await readJson(await guest('pk_dev'));
    const otherList = await readJson(
      await t.request('/chat/sessions', {
        as: null,
        headers: { Authorization: `Bearer ${other.token}` },
      }),
    );
    expect(otherList.data).toEqual([]);
  });

  test('renewing with the previous guest token keeps the same identity', async () => {
    const first = await readJson(await guest('pk_dev'));
    const renewed = await readJson(
      await guest('pk_dev', { Authorization: `Bearer ${first.token}` }),
    );
    expect(decodeJwt(renewed.token).sub).toBe(decodeJwt(first.token).sub);
    const fresh = await readJson(await guest('pk_dev'));
    expect(decodeJwt(fresh.token).sub).not.toBe(decodeJwt(first.token).sub);
  });

  test('a foreign origin answers 403 forbidden', async () => {
    await expectError(await guest('pk_dev', { Origin: 'https://evil.example' }), 403, 'forbidden');
    await expectError(
      await guest('pk_dev', { Origin: 'http://localhost.evil.example:5173' }),
      403,
      'forbidden',
    );
  });

  test('an unknown site key answers 403 forbidden, like a foreign origin', async () => {
    const body = await expectError(await guest('pk_live_unknown'), 403, 'forbidden');
    const foreign = await expectError(
      await guest('pk_dev', { Origin: 'https://evil.example' }),
      403,
      'forbidden',
    );
    expect(body.error.message).toBe(foreign.error.message);
  });

  test('a missing Origin answers 403 forbidden', async () => {
    const response = await t.request('/auth/guest', {
      method: 'POST',
      as: null,
      json: { site_key: 'pk_dev' },
    });
    await expectError(response, 403, 'forbidden');
  });

  test('a missing or ill-typed site_key answers 400', async () => {
    await expectError(
      await t.request('/auth/guest', {
        method: 'POST',
        as: null,
        headers: { Origin: 'http://localhost:5173' },
        json: {},
      }),
      400,
      'invalid_request',
    );
    await expectError(await guest(42), 400, 'invalid_request');
    await expectError(await guest(''), 400, 'invalid_request');
  });
});

describe('401 unauthorized', () => {
  const sessionsWith = (headers: Record<string, string>) =>
    t.request('/chat/sessions', { as: null, headers });

  test('no token', async () => {
    const response = await t.request('/chat/sessions', { as: null });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectError(response, 401, 'unauthorized');
  });

  test('an expired token', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    await expectError(
      await sessionsWith({ Authorization: `Bearer ${token}` }),
      401,
      'unauthorized',
    );
  });

  test('a token signed with another key', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-that-is-long-enough'));
    await expectError(
      await sessionsWith({ Authorization: `Bearer ${token}` }),
      401,
      'unauthorized',
    );
  });

  test('a tampered token (payload changed, signature kept)', async () => {
    const token = await t.tokenFor('alice');
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', exp: 9999999999 })).toString(
      'base64url',
    );
    await expectError(
      await sessionsWith({ Authorization: `Bearer ${header}.${payload}.${signature}` }),
      401,
      'unauthorized',
    );
  });

  test('an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'alice', exp: 9999999999 })).toString(
      'base64url',
    );
    await expectError(
      await sessionsWith({ Authorization: `Bearer ${header}.${payload}.` }),
      401,
      'unauthorized',
    );
  });

  test('a valid token without a subject', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(secret);
    await expectError(
      await sessionsWith({ Authorization: `Bearer ${token}` }),
      401,
      'unauthorized',
    );
  });

  test('a validly signed token without exp is refused, though it would never expire', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt()
      .sign(secret);
    const body = await expectError(
      await sessionsWith({ Authorization: `Bearer ${token}` }),
      401,
      'unauthorized',
    );
    expect(body.error.message).toContain('exp');
    // The same token with an expiry is accepted: the refusal is about exp alone.
    const withExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    expect((await sessionsWith({ Authorization: `Bearer ${withExp}` })).status).toBe(200);
  });

  test.each([
    ['garbage', 'Bearer garbage'],
    ['three garbage parts', 'Bearer a.b.c'],
    ['an empty bearer', 'Bearer '],
    ['another scheme', 'Basic YWxpY2U6cGFzc3dvcmQ='],
    ['a token without the scheme', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
  ])('%s', async (_name, authorization) => {
    await expectError(await sessionsWith({ Authorization: authorization }), 401, 'unauthorized');
  });

  test('every protected route asks for a token', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: Array<[string, string]> = [
      ['POST', '/chat/sessions'],
      ['GET', '/chat/sessions'],
      ['GET', `/chat/sessions/${id}`],
      ['PATCH', `/chat/sessions/${id}`],
      ['DELETE', `/chat/sessions/${id}`],
      ['POST', '/chat/messages'],
      ['GET', `/chat/messages/${id}`],
      ['POST', `/chat/messages/${id}/stop`],
      ['GET', `/chat/messages/${id}/stream`],
    ];
    for (const [method, path] of routes) {
      const response = await t.request(path, {
        method,
        as: null,
        ...(method === 'POST' || method === 'PATCH' ? { json: {} } : {}),
      });
      await expectError(response, 401, 'unauthorized');
    }
  });
});

describe('guest tokens with AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE set', () => {
  const ISSUER = 'https://auth.host.example';
  const AUDIENCE = 'repruv-chat';
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await strict?.close();
  });

  const guestOf = (headers: Record<string, string> = {}) =>
    strict.request('/auth/guest', {
      method: 'POST',
      as: null,
      headers: { Origin: 'http://localhost:5173', ...headers },
      json: { site_key: 'pk_dev' },
    });

  test('carry the configured issuer and audience, and open the API', async () => {
    const response = await guestOf();
    expect(response.status).toBe(200);
    const { token } = await readJson(response);
    expect(decodeJwt(token)).toMatchObject({ iss: ISSUER, aud: AUDIENCE });
    const listed = await strict.request('/chat/sessions', {
      as: null,
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(listed.status, await listed.clone().text()).toBe(200);
  });

  test('renew with the same identity', async () => {
    const first = await readJson(await guestOf());
    const renewed = await readJson(await guestOf({ Authorization: `Bearer ${first.token}` }));
    expect(decodeJwt(renewed.token).sub).toBe(decodeJwt(first.token).sub);
  });

  test('a host token without the configured issuer or audience is still refused', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(ISSUER)
      .setExpirationTime('1h')
      .sign(secret);
    await expectError(
      await strict.request('/chat/sessions', {
        as: null,
        headers: { Authorization: `Bearer ${token}` },
      }),
      401,
      'unauthorized',
    );
  });
});
