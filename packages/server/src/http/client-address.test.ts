import { expect, test } from 'vitest';
import { normalizeAddress } from './client-address.js';

test('an IPv4 address seen on an IPv6 socket is the IPv4 address', () => {
  expect(normalizeAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
});

test('IPv6 is lowercased; a hop that is no address is cut short', () => {
  expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
  expect(normalizeAddress('x'.repeat(10_000))).toHaveLength(64);
});
