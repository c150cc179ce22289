import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LOCALES as ATTACHMENT_STRINGS } from './all-locales.js';
import { fill, resolveAttachmentStrings } from './attachment-strings.js';

describe('attachment strings', () => {
  it('has every string in every locale, each one its own (none left in English)', () => {
    const keys = Object.keys(ATTACHMENT_STRINGS.en).sort();
    for (const [locale, strings] of Object.entries(ATTACHMENT_STRINGS)) {
      expect(Object.keys(strings).sort(), locale).toEqual(keys);
      if (locale === 'en') continue;
      expect(strings.unsupportedType, locale).not.toBe(ATTACHMENT_STRINGS.en.unsupportedType);
      expect(strings.tooLarge, locale).toMatch(/\{size\}.*\{limit\}/);
    }
  });

  it("takes the locale chunk's table (English without one) and overrides, not empty ones", () => {
    expect(resolveAttachmentStrings(ATTACHMENT_STRINGS.pt).openImage).toBe('Abrir imagem: {name}');
    expect(resolveAttachmentStrings(null).openImage).toBe('Open image: {name}');
    const s = resolveAttachmentStrings(ATTACHMENT_STRINGS.fr, {
      dropFiles: 'Lâchez ici',
      openImage: undefined,
    });
    expect(s.dropFiles).toBe('Lâchez ici');
    expect(s.openImage).toBe("Ouvrir l'image : {name}");
  });

  it('fills in the values it is given and leaves unknown ones as written', () => {
    expect(fill('Too large: {size}, the limit is {limit}', { size: '12 MB', limit: '10 MB' })).toBe(
      'Too large: 12 MB, the limit is 10 MB',
    );
    expect(fill('{n} pages {x}', { n: 3 })).toBe('3 pages {x}');
  });
});
