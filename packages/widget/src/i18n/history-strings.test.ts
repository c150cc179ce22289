import { describe, expect, it } from 'vitest';
import { HISTORY_LOCALES, LOCALES } from './all-locales.js';
import { resolveHistoryStrings } from './history-strings.js';

describe('conversations drawer strings', () => {
  it('has every string in every locale, translated, with the placeholders kept', () => {
    const keys = Object.keys(HISTORY_LOCALES.en).sort();
    for (const [locale, strings] of Object.entries(HISTORY_LOCALES)) {
      expect(Object.keys(strings).sort(), locale).toEqual(keys);
      for (const name of ['rename', 'archive', 'unarchive', 'delete', 'export'] as const) {
        expect(strings[name], `${locale} ${name}`).toContain('{title}');
      }
      expect(strings.deleteQuestion, locale).toContain('{title}');
      expect(strings.conversationCount, locale).toContain('{n}');
      expect(strings.moreConversations, locale).toContain('{n}');
      expect(LOCALES[locale as keyof typeof LOCALES].conversations, locale).toBeTruthy();
      if (locale === 'en') continue;
      expect(strings.noMatches, locale).not.toBe(HISTORY_LOCALES.en.noMatches);
      expect(strings.searchLabel, locale).not.toBe(HISTORY_LOCALES.en.searchLabel);
    }
  });

  it("takes the locale chunk's table (English without one) and the host's overrides", () => {
    expect(resolveHistoryStrings(HISTORY_LOCALES.de).undo).toBe('Rückgängig');
    expect(resolveHistoryStrings(null).undo).toBe('Undo');
    const s = resolveHistoryStrings(HISTORY_LOCALES.es, { undo: 'Recuperar', deleted: undefined });
    expect(s.undo).toBe('Recuperar');
    expect(s.deleted).toBe('Eliminada');
  });
});
