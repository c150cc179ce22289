import { expect, test } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

test('a hash verifies its password only, and carries its cost and a salt of its own', async () => {
  const [first, second] = await Promise.all([
    hashPassword('correct horse battery staple'),
    hashPassword('correct horse battery staple'),
  ]);
  expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  expect(first).not.toBe(second);
  expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
  expect(await verifyPassword('correct horse battery stapl', first)).toBe(false);
  expect(await verifyPassword('', first)).toBe(false);
});

test('the same password typed in another Unicode form verifies (NFKC)', async () => {
  const hash = await hashPassword('cafe\u0301 au lait, s\u2019il vous pla\u00eet');
  expect(await verifyPassword('caf\u00e9 au lait, s\u2019il vous pla\u00eet', hash)).toBe(true);
});

test('a malformed stored hash matches nothing, and does not throw', async () => {
  for (const stored of [
    '',
    'plain',
    'bcrypt$x$y',
    'scrypt$x$8$1$c2FsdA$a2V5',
    'scrypt$32768$8$1$$',
  ]) {
    expect(await verifyPassword('anything at all', stored)).toBe(false);
  }
});

test('passwords: at least 12 characters, at most 1,024; generated ones are long and differ', () => {
  expect(passwordProblem('eleven char')).toMatch(/at least 12/);
  expect(passwordProblem('twelve chars')).toBeUndefined();
  expect(passwordProblem('x'.repeat(1_025))).toMatch(/at most 1024/);
  const made = generatePassword();
  expect(made).toMatch(/^[\w-]{24}$/);
  expect(generatePassword()).not.toBe(made);
});
