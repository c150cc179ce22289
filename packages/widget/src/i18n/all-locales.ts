/*
 * Every locale's strings at once, synchronously: the npm package's public `LOCALES` and
 * `resolveStrings`. The panel never imports this module: it loads one locale's chunk
 * (load-locale.ts).
 */
import type { AttachmentStrings } from './attachment-strings.js';
import { ATTACHMENT_EN } from './attachment-strings.js';
import { HISTORY_EN, type HistoryStrings } from './history-strings.js';
import { matchLocale, type Locale } from './locale.js';
import * as de from './locales/de.js';
import * as es from './locales/es.js';
import * as fr from './locales/fr.js';
import * as pt from './locales/pt.js';
import { EN, withOverrides, type WidgetStrings } from './strings.js';

export { matchLocale, type Locale };

export const LOCALES: Record<Locale, WidgetStrings> = {
  en: EN,
  es: es.strings,
  fr: fr.strings,
  de: de.strings,
  pt: pt.strings,
};

/** The attachment strings of every locale. */
export const ATTACHMENT_LOCALES: Record<Locale, AttachmentStrings> = {
  en: ATTACHMENT_EN,
  es: es.attachments,
  fr: fr.attachments,
  de: de.attachments,
  pt: pt.attachments,
};

/** The conversations drawer's strings of every locale. */
export const HISTORY_LOCALES: Record<Locale, HistoryStrings> = {
  en: HISTORY_EN,
  es: es.history,
  fr: fr.history,
  de: de.history,
  pt: pt.history,
};

/** The strings of `locale`, with any of them replaced by `overrides`. */
export function resolveStrings(
  locale: string | null | undefined,
  overrides: Partial<WidgetStrings> = {},
): WidgetStrings {
  return withOverrides(LOCALES[matchLocale(locale)], overrides);
}
