/*
 * What the launcher needs before the panel loads, apart from the full strings so that
 * `widget.js` stays small.
 */

export type Locale = 'en' | 'es' | 'fr' | 'de' | 'pt';

/** The launcher's accessible name in each built-in locale. */
export const OPEN_CHAT: Record<Locale, string> = {
  en: 'Open chat',
  es: 'Abrir chat',
  fr: 'Ouvrir le chat',
  de: 'Chat öffnen',
  pt: 'Abrir chat',
};

/** `pt-BR` → `pt`; anything unknown (or absent) → `en`. */
export function matchLocale(locale: string | null | undefined): Locale {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(OPEN_CHAT, language) ? (language as Locale) : 'en';
}
