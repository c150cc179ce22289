import { describe, expect, it } from 'vitest';
import { duration, orDash, percent } from './format.js';

describe('duration', () => {
  it.each([
    [0, '0 ms'],
    [640, '640 ms'],
    [999.4, '999 ms'],
    [999.6, '1 s'],
    [1_000, '1 s'],
    [4_200, '4.2 s'],
    [4_249, '4.2 s'],
    [12_345, '12.3 s'],
    [59_960, '1 min'],
    [120_000, '2 min'],
    [150_000, '2.5 min'],
    [3_600_000, '1 h'],
    [4_320_000, '1.2 h'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});

describe('orDash', () => {
  it('writes a dash where there is nothing to measure, and zero as zero', () => {
    const rate = orDash(percent);
    expect(rate(null)).toBe('—');
    expect(rate(0)).toBe('0%');
    expect(rate(0.025)).toBe('2.5%');
  });
});
