import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, kindOf, megabytes, refusalOf } from './file-rules.js';

const file = (name: string, type: string, size = 1) => ({ name, type, size });

describe('file rules', () => {
  it('takes PNG, JPEG, GIF, WebP as images and PDF as a document, by type or else by extension', () => {
    expect(kindOf(file('a.png', 'image/png'))).toBe('image');
    expect(kindOf(file('a', 'image/webp'))).toBe('image');
    expect(kindOf(file('scan.PDF', ''))).toBe('document');
    expect(kindOf(file('photo.jpeg', ''))).toBe('image');
  });

  it('refuses SVG, text and anything unknown, whatever the name says', () => {
    expect(refusalOf(file('logo.svg', 'image/svg+xml'), 0)).toEqual({ reason: 'type' });
    expect(refusalOf(file('fake.png', 'text/html'), 0)).toEqual({ reason: 'type' });
    expect(refusalOf(file('notes', ''), 0)).toEqual({ reason: 'type' });
  });

  it('refuses an image over 10 MB and a PDF over 32 MB, with the size and the limit', () => {
    expect(refusalOf(file('big.png', 'image/png', 12_000_000), 0)).toEqual({
      reason: 'size',
      size: 12_000_000,
      limit: 10_000_000,
    });
    expect(refusalOf(file('ok.png', 'image/png', 10_000_000), 0)).toBeNull();
    expect(refusalOf(file('big.pdf', 'application/pdf', 12_000_000), 0)).toBeNull();
    expect(refusalOf(file('huge.pdf', 'application/pdf', 33_000_000), 0)).toMatchObject({
      reason: 'size',
      limit: 32_000_000,
    });
  });

  it('refuses an eleventh file for one message', () => {
    const limit = ATTACHMENT_LIMITS.perMessage;
    expect(refusalOf(file('a.png', 'image/png'), limit - 1)).toBeNull();
    expect(refusalOf(file('a.png', 'image/png'), limit)).toEqual({ reason: 'count', limit: 10 });
  });

  it('writes sizes in megabytes, rounded up so that an excess shows, in the locale', () => {
    expect(megabytes(12_000_000, 'en')).toBe('12 MB');
    expect(megabytes(10_000_001, 'en')).toBe('10.1 MB');
    expect(megabytes(10_500_000, 'fr')).toBe('10,5 MB');
    expect(megabytes(1, 'not a locale_')).toBe('0.1 MB');
  });
});
