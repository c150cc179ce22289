/*
 * Loads a locale's strings, each a chunk of its own, so the panel carries English only.
 * A chunk that fails to load leaves the widget in English (and is tried again next time).
 */
import type { Locale } from './locale.js';
import type * as LocaleChunk from './locales/es.js';

/** A locale chunk: its `strings` (chat and tree), its `attachments` and its `history` (drawer) strings. */
export type LocaleTable = typeof LocaleChunk;

const chunks: Record<Exclude<Locale, 'en'>, () => Promise<LocaleTable>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  de: () => import('./locales/de.js'),
  pt: () => import('./locales/pt.js'),
};

const loading = new Map<Locale, Promise<LocaleTable | null>>();

/** The strings of `locale`, or null for English (in the panel) or when its chunk fails to load. */
export function loadLocale(locale: Locale): Promise<LocaleTable | null> {
  if (locale === 'en') return Promise.resolve(null);
  let table = loading.get(locale);
  if (!table) {
    table = chunks[locale]().catch(() => {
      loading.delete(locale);
      return null;
    });
    loading.set(locale, table);
  }
  return table;
}
