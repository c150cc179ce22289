import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { normalizeAddress, requestAddress } from './client-address.js';

test('an IPv4 address seen on an IPv6 socket is the IPv4 address', () => {
  expect(normalizeAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
});

test('IPv6 is lowercased; a hop that is no address is cut short', () => {
  expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
  expect(normalizeAddress('x'.repeat(10_000))).toHaveLength(64);
});

describe('requestAddress', () => {
  const from = (socket: string, forwarded?: string) =>
    ({
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
      socket: { remoteAddress: socket },
    }) as IncomingMessage;

  test('without trusted proxies the socket is the client, whatever the header says', () => {
    expect(requestAddress(from('::ffff:10.0.0.5', '203.0.113.9'), 0)).toBe('10.0.0.5');
  });

  test('behind N proxies it is the hop the outermost one wrote; what a client wrote before it is ignored', () => {
    expect(requestAddress(from('10.0.0.5', '1.1.1.1, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(requestAddress(from('10.0.0.5', '1.1.1.1, 203.0.113.9, 10.0.0.4'), 2)).toBe(
      '203.0.113.9',
    );
    expect(requestAddress(from('10.0.0.5', '203.0.113.9'), 3)).toBe('203.0.113.9');
  });

  test('no header, or an empty hop, falls back to the socket as koa does', () => {
    expect(requestAddress(from('10.0.0.5'), 1)).toBe('10.0.0.5');
    expect(requestAddress(from('10.0.0.5', '1.1.1.1, '), 1)).toBe('10.0.0.5');
  });
});
