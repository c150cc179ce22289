import { describe, expect, test } from 'vitest';
import { OperatorAccounts } from '../../src/admin/operator-accounts.js';
import { adminFetch, createOperator, OPERATOR_PASSWORD, signIn } from '../support/admin.js';
import { readJson, sleep } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer({ ADMIN_SIGN_INS_PER_IP: '1000', ADMIN_SIGN_INS_PER_EMAIL: '1000' });

describe('signing in to the console', () => {
  test('sets an HttpOnly, SameSite=Strict session cookie and answers the CSRF token', async () => {
    await createOperator(t, 'Ops@Example.com');
    const session = await signIn(t, '  ops@example.COM ');
    expect(session.setCookie).toMatch(/; HttpOnly/);
    expect(session.setCookie).toMatch(/; SameSite=Strict/);
    expect(session.setCookie).toMatch(/; Path=\//);
    expect(session.setCookie).not.toMatch(/; Secure/); // plain HTTP outside production
    expect(session.body.operator.email).toBe('ops@example.com');
    expect(session.body.csrf_token).toMatch(/^[\w-]{24,}$/);
    expect(JSON.stringify(session.body)).not.toMatch(/password|hash/);

    const current = await adminFetch(t, '/admin/session', { session });
    expect(current.status).toBe(200);
    expect(current.headers.get('Cache-Control')).toBe('no-store');
    const body = await readJson(current);
    expect(body.csrf_token).toBe(session.csrf);
    expect(body.operator.id).toBe(session.body.operator.id);
  });

  test('a wrong password and an unknown e-mail are refused alike, with no cookie', async () => {
    await createOperator(t, 'wrong@example.com');
    const answers = await Promise.all(
      [
        { email: 'wrong@example.com', password: 'not the password at all' },
        { email: 'nobody@example.com', password: OPERATOR_PASSWORD },
      ].map((json) => adminFetch(t, '/admin/session', { method: 'POST', json })),
    );
    for (const response of answers) {
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(response.headers.get('WWW-Authenticate')).toBeNull();
      expect((await readJson(response)).error).toMatchObject({
        code: 'unauthorized',
        message: 'Wrong e-mail or password.',
      });
    }
  });

  test('each sign-in is a session of its own', async () => {
    await createOperator(t, 'twice@example.com');
    const [first, second] = await Promise.all([
      signIn(t, 'twice@example.com'),
      signIn(t, 'twice@example.com'),
    ]);
    expect(first.cookie).not.toBe(second.cookie);
    expect(first.csrf).not.toBe(second.csrf);
  });
});

describe('one cookie, one session', () => {
  test('a sign-in over an open session ends that one', async () => {
    await createOperator(t, 'again@example.com');
    const first = await signIn(t, 'again@example.com');
    const response = await adminFetch(t, '/admin/session', {
      method: 'POST',
      json: { email: 'again@example.com', password: OPERATOR_PASSWORD },
      headers: { Cookie: first.cookie },
    });
    expect(response.status).toBe(200);
    const second = response.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(second).not.toBe(first.cookie);
    expect((await adminFetch(t, '/admin/session', { session: first })).status).toBe(401);
    const current = await fetch(`${t.api}/admin/session`, { headers: { Cookie: second } });
    expect(current.status).toBe(200);
  });
});

describe('in production', () => {
  const production = useTestServer({ NODE_ENV: 'production' });

  test('the cookie is Secure with the __Host- prefix, and only that name is read', async () => {
    await createOperator(production, 'prod@example.com');
    const session = await signIn(production, 'prod@example.com');
    expect(session.setCookie).toMatch(
      /^__Host-repruv_operator=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Expires=.+; Secure$/,
    );
    expect((await adminFetch(production, '/admin/session', { session })).status).toBe(200);
    const unprefixed = session.cookie.replace(/^__Host-/, '');
    const planted = await fetch(`${production.api}/admin/session`, {
      headers: { Cookie: unprefixed },
    });
    expect(planted.status).toBe(401);
  });
});

describe('the console and the chat API do not open each other', () => {
  test('a chat token opens nothing under /admin', async () => {
    const response = await adminFetch(t, '/admin/session', {
      headers: { Authorization: `Bearer ${await t.tokenFor('alice')}` },
    });
    expect(response.status).toBe(401);
    expect((await readJson(response)).error.code).toBe('unauthorized');
  });

  test('an operator cookie opens nothing of the chat API', async () => {
    await createOperator(t, 'chat@example.com');
    const session = await signIn(t, 'chat@example.com');
    const response = await fetch(`${t.api}/chat/sessions`, {
      headers: { Cookie: session.cookie },
    });
    expect(response.status).toBe(401);
  });
});

describe('cross-site requests', () => {
  test('a sign-in from another site’s page is refused (Origin, Sec-Fetch-Site)', async () => {
    await createOperator(t, 'csrf@example.com');
    const json = { email: 'csrf@example.com', password: OPERATOR_PASSWORD };
    for (const headers of <Array<Record<string, string>>>[
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: t.url, 'Sec-Fetch-Site': 'cross-site' },
      { Origin: t.url, 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const response = await adminFetch(t, '/admin/session', { method: 'POST', json, headers });
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  test('a cross-site form post is refused, whatever its encoding', async () => {
    await createOperator(t, 'form@example.com');
    const body = `email=form%40example.com&password=${encodeURIComponent(OPERATOR_PASSWORD)}`;
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain']) {
      const crossSite = await fetch(`${t.api}/admin/session`, {
        method: 'POST',
        headers: { 'Content-Type': contentType, Origin: 'https://evil.example' },
        body,
      });
      expect(crossSite.status).toBe(403);
      // Even where no Origin is sent, a form is not JSON.
      const noOrigin = await fetch(`${t.api}/admin/session`, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: JSON.stringify({ email: 'form@example.com', password: OPERATOR_PASSWORD }),
      });
      expect(noOrigin.status).toBe(400);
      expect(noOrigin.headers.getSetCookie()).toEqual([]);
    }
  });

  test('signing out needs the session’s CSRF token; with it, the session ends', async () => {
    await createOperator(t, 'out@example.com');
    const session = await signIn(t, 'out@example.com');
    const other = await signIn(t, 'out@example.com');
    for (const token of ['', 'forged', other.csrf]) {
      const refused = await adminFetch(t, '/admin/session', {
        method: 'DELETE',
        session,
        headers: { 'X-CSRF-Token': token },
      });
      expect(refused.status).toBe(403);
    }
    const crossSite = await adminFetch(t, '/admin/session', {
      method: 'DELETE',
      session,
      headers: { Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect((await adminFetch(t, '/admin/session', { session })).status).toBe(200);

    const out = await adminFetch(t, '/admin/session', { method: 'DELETE', session });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^repruv_operator=; .*Expires=Thu, 01 Jan 1970/);
    expect((await adminFetch(t, '/admin/session', { session })).status).toBe(401);
    // Only that session: the other sign-in goes on.
    expect((await adminFetch(t, '/admin/session', { session: other })).status).toBe(200);
  });
});

describe('hostile input', () => {
  test('wrong types, missing and extra fields, bad JSON: 400 naming the field', async () => {
    for (const [body, field] of [
      [{ email: 5, password: 'x' }, 'email'],
      [{ email: 'a@b.c' }, 'password'],
      [{ email: 'a@b.c', password: '' }, 'password'],
      [{ email: 'a@b.c', password: 'x', admin: true }, 'body'],
      [['a@b.c', 'x'], 'body'],
    ] as const) {
      const response = await adminFetch(t, '/admin/session', { method: 'POST', json: body });
      expect(response.status).toBe(400);
      expect(JSON.stringify((await readJson(response)).error.details)).toContain(field);
    }
    const broken = await adminFetch(t, '/admin/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
  });

  test('a huge body answers 413; a huge password 400, without being hashed', async () => {
    const huge = await adminFetch(t, '/admin/session', {
      method: 'POST',
      json: { email: 'a@b.c', password: 'x'.repeat(100_000) },
    });
    expect(huge.status).toBe(413);
    const long = await adminFetch(t, '/admin/session', {
      method: 'POST',
      json: { email: 'a@b.c', password: 'x'.repeat(2_000) },
    });
    expect(long.status).toBe(400);
  });

  test('made-up, malformed and oversized cookies answer 401', async () => {
    for (const cookie of [
      'repruv_operator=',
      'repruv_operator=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'repruv_operator=%00%01; repruv_operator=x',
      `repruv_operator=${'a'.repeat(4000)}`,
      "repruv_operator=' OR 1=1 --",
    ]) {
      const response = await fetch(`${t.api}/admin/session`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(401);
    }
  });

  test('a new password signs the operator out everywhere', async () => {
    await createOperator(t, 'reset@example.com');
    const session = await signIn(t, 'reset@example.com');
    const accounts = new OperatorAccounts(t.server.db);
    expect(await accounts.setPassword('reset@example.com', 'a brand new passphrase')).toBe(true);
    expect((await adminFetch(t, '/admin/session', { session })).status).toBe(401);
    await expect(signIn(t, 'reset@example.com')).rejects.toThrow(/401/);
    await signIn(t, 'reset@example.com', 'a brand new passphrase');
  });

  test('a removed operator’s session ends with it', async () => {
    await createOperator(t, 'gone@example.com');
    const session = await signIn(t, 'gone@example.com');
    expect(await new OperatorAccounts(t.server.db).remove('gone@example.com')).toBe(true);
    expect((await adminFetch(t, '/admin/session', { session })).status).toBe(401);
  });

  test('two accounts for one e-mail at once: one is made, the other refused', async () => {
    const accounts = new OperatorAccounts(t.server.db);
    const results = await Promise.allSettled([
      accounts.create('race@example.com', OPERATOR_PASSWORD),
      accounts.create('RACE@example.com', OPERATOR_PASSWORD),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/exists already/);
  });

  test('a wrong method on the session path answers 405 with Allow', async () => {
    const response = await adminFetch(t, '/admin/session', { method: 'PUT', json: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toMatch(/POST/);
  });
});

describe('session lifetime', () => {
  const short = useTestServer({ ADMIN_SESSION_HOURS: '0.0003' }); // about a second

  test('an expired session answers 401', async () => {
    await createOperator(short, 'brief@example.com');
    const session = await signIn(short, 'brief@example.com');
    expect((await adminFetch(short, '/admin/session', { session })).status).toBe(200);
    await sleep(1_300);
    expect((await adminFetch(short, '/admin/session', { session })).status).toBe(401);
  });
});
