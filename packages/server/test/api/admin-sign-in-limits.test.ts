/**
 * Sign-in attempts per client address and per e-mail. Addresses and e-mails are fresh in every run:
 * with REDIS_URL the counts are shared by every server of the suite and outlive it for 15 minutes.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { adminFetch, createOperator, OPERATOR_PASSWORD } from '../support/admin.js';
import { randomAddress } from '../support/guests.js';
import { readJson } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer({
  ADMIN_SIGN_INS_PER_IP: '6',
  ADMIN_SIGN_INS_PER_EMAIL: '3',
  TRUST_PROXY: '1',
});

const attempt = (email: string, password: string, address: string) =>
  adminFetch(t, '/admin/session', {
    method: 'POST',
    json: { email, password },
    headers: { 'X-Forwarded-For': address },
  });

const freshEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.com`;

test('guessing at one account from many addresses: after 3 tries even the right password waits', async () => {
  const email = freshEmail('guessed');
  await createOperator(t, email);
  for (let i = 0; i < 3; i++) {
    expect((await attempt(email, `guess number ${i}`, randomAddress())).status).toBe(401);
  }
  const right = await attempt(email.toUpperCase(), OPERATOR_PASSWORD, randomAddress());
  expect(right.status).toBe(429);
  expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(800);
  expect((await readJson(right)).error.code).toBe('rate_limited');
  expect(right.headers.getSetCookie()).toEqual([]);
});

test('guessing from one address at many accounts: 6 tries, at once, then 429', async () => {
  const address = randomAddress();
  const email = freshEmail('other');
  await createOperator(t, email);
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => attempt(freshEmail(`someone${i}`), 'not it', address)),
  );
  // Six are counted (each checked, or told to retry when too many are checked at once); the
  // other six are over the address's limit.
  const outcomes = await Promise.all(
    answers.map(async (response) =>
      response.status === 429 && /Too many sign-in attempts/.test(await response.text())
        ? 'over the limit'
        : 'counted',
    ),
  );
  expect(outcomes.filter((o) => o === 'over the limit')).toHaveLength(6);
  expect(answers.every((response) => response.status === 401 || response.status === 429)).toBe(
    true,
  );
  // The right password from that address waits too; from another address it signs in.
  expect((await attempt(email, OPERATOR_PASSWORD, address)).status).toBe(429);
  expect((await attempt(email, OPERATOR_PASSWORD, randomAddress())).status).toBe(200);
});

test('many sign-ins at once from many addresses: a few are checked at a time, the rest told to retry', async () => {
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      attempt(freshEmail(`crowd${i}`), 'not the password', randomAddress()),
    ),
  );
  const statuses = answers.map((response) => response.status);
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  const waited = answers.filter((response) => response.status === 429);
  expect(waited.length).toBeGreaterThan(0);
  for (const response of waited) {
    expect(response.headers.get('Retry-After')).toBe('1');
    expect((await readJson(response)).error.message).toMatch(/at once/);
  }
});

/** The known-device cookie a sign-in set, as `name=value`. */
const deviceCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => /^(__Host-)?repruv_operator_device=/.test(c))
    ?.split(';')[0];

const attemptFrom = (email: string, password: string, address: string, cookie: string) =>
  adminFetch(t, '/admin/session', {
    method: 'POST',
    json: { email, password },
    headers: { 'X-Forwarded-For': address, Cookie: cookie },
  });

test('a stranger spending an operator’s attempts locks out strangers, not the operator’s own browser', async () => {
  const email = freshEmail('locked');
  await createOperator(t, email);
  const first = await attempt(email, OPERATOR_PASSWORD, randomAddress());
  expect(first.status).toBe(200);
  const device = deviceCookieOf(first)!;
  expect(device).toMatch(/^repruv_operator_device=[0-9a-z]+\.[\w-]{22}\.[\w-]{43}$/);
  const setCookie = first.headers
    .getSetCookie()
    .find((c) => c.startsWith('repruv_operator_device'));
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  // The attacker spends every attempt the e-mail has left (the sign-in above was one).
  for (let i = 0; i < 2; i++) {
    expect((await attempt(email, `guess ${i}`, randomAddress())).status).toBe(401);
  }
  expect((await attempt(email, OPERATOR_PASSWORD, randomAddress())).status).toBe(429);
  // The operator's browser still signs in, from any address.
  expect((await attemptFrom(email, OPERATOR_PASSWORD, randomAddress(), device)).status).toBe(200);
});

test('a known browser has attempts of its own; a forged, altered or another account’s proof is a stranger’s', async () => {
  const email = freshEmail('device');
  const other = freshEmail('other-device');
  await createOperator(t, email);
  await createOperator(t, other);
  const device = deviceCookieOf(await attempt(email, OPERATOR_PASSWORD, randomAddress()))!;
  const otherDevice = deviceCookieOf(await attempt(other, OPERATOR_PASSWORD, randomAddress()))!;
  // Spend the e-mail's attempts.
  for (let i = 0; i < 3; i++) await attempt(email, `guess ${i}`, randomAddress());
  const [name, value] = device.split('=') as [string, string];
  const [issued, nonce, mac] = value.split('.') as [string, string, string];
  const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
  for (const forged of [
    `${name}=${issued}.${nonce}.${flipped}`,
    `${name}=${(parseInt(issued, 36) + 1).toString(36)}.${nonce}.${mac}`,
    `${name}=${(Date.now() - 200 * 86_400_000).toString(36)}.${nonce}.${mac}`,
    `${name}=garbage`,
    `${name}=${'x'.repeat(5000)}`,
    otherDevice,
  ]) {
    const refused = await attemptFrom(email, OPERATOR_PASSWORD, randomAddress(), forged);
    expect(refused.status, forged.slice(0, 80)).toBe(429);
  }
  // A stolen proof does not let its holder guess forever: it has the e-mail's limit of its own.
  for (let i = 0; i < 3; i++) {
    expect((await attemptFrom(email, `guess ${i}`, randomAddress(), device)).status).toBe(401);
  }
  expect((await attemptFrom(email, OPERATOR_PASSWORD, randomAddress(), device)).status).toBe(429);
});

test('a new password forgets every browser', async () => {
  const email = freshEmail('rotated');
  await createOperator(t, email);
  const device = deviceCookieOf(await attempt(email, OPERATOR_PASSWORD, randomAddress()))!;
  const newPassword = 'a brand new passphrase';
  const { OperatorAccounts } = await import('../../src/admin/operator-accounts.js');
  expect(await new OperatorAccounts(t.server.db).setPassword(email, newPassword)).toBe(true);
  for (let i = 0; i < 3; i++) await attempt(email, `guess ${i}`, randomAddress());
  expect((await attemptFrom(email, newPassword, randomAddress(), device)).status).toBe(429);
});
