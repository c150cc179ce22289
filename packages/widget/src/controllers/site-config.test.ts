import { expect, test } from 'vitest';
import { textOn } from './site-config.js';

test('text on a site colour: white on dark ones, near-black on light ones (WCAG contrast)', () => {
  expect(textOn('#4338ca')).toBe('#ffffff');
  expect(textOn('#0f766e')).toBe('#ffffff');
  expect(textOn('#000000')).toBe('#ffffff');
  expect(textOn('#fde68a')).toBe('#1c1d21');
  expect(textOn('#ffffff')).toBe('#1c1d21');
  // Mid-grey: black text has the higher contrast (5.3 against 3.9 for white).
  expect(textOn('#808080')).toBe('#1c1d21');
});
