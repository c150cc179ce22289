import { describe, expect, test } from 'vitest';
import { addressLimitKey } from './address-key.js';

describe('addressLimitKey', () => {
  test('an IPv4 address counts alone', () => {
    expect(addressLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressLimitKey('203.0.113.8')).not.toBe(addressLimitKey('203.0.113.7'));
  });

  test('IPv6 addresses of one /64 count together, however they are written', () => {
    const key = addressLimitKey('2001:db8:1:2::1');
    expect(addressLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(key);
    expect(addressLimitKey('2001:0DB8:0001:0002:0:0:0:9')).toBe(key);
    expect(key).toBe('2001:db8:1:2::/64');
  });

  test('another /64 counts apart', () => {
    expect(addressLimitKey('2001:db8:1:3::1')).not.toBe(addressLimitKey('2001:db8:1:2::1'));
    expect(addressLimitKey('::1')).toBe('0:0:0:0::/64');
  });

  test('an embedded IPv4 tail takes two groups', () => {
    expect(addressLimitKey('1::2:3:4:5:6.7.8.9')).toBe('1:0:2:3::/64');
    expect(addressLimitKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
  });

  test('what is not an address is its own key', () => {
    expect(addressLimitKey('unknown')).toBe('unknown');
  });
});
