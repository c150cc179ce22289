import { describe, expect, it } from 'vitest';
import { FEEDBACK_TAGS } from '../controllers/feedback-actions.js';
import { LOCALES, matchLocale, resolveStrings } from './all-locales.js';

describe('strings', () => {
  it('matches a locale by its language, falling back to English', () => {
    expect(matchLocale('pt-BR')).toBe('pt');
    expect(matchLocale('de_AT')).toBe('de');
    expect(matchLocale('FR')).toBe('fr');
    expect(matchLocale('ja')).toBe('en');
    expect(matchLocale('')).toBe('en');
    expect(matchLocale(undefined)).toBe('en');
    expect(matchLocale('constructor')).toBe('en');
  });

  it('localizes the launcher name', () => {
    expect(resolveStrings('es').openChat).toBe('Abrir chat');
    expect(resolveStrings('de').openChat).toBe('Chat öffnen');
    expect(resolveStrings('xx').openChat).toBe('Open chat');
  });

  it('lets any string be overridden, ignoring undefined overrides', () => {
    const strings = resolveStrings('fr', { send: 'Go', retry: undefined });
    expect(strings.send).toBe('Go');
    expect(strings.retry).toBe(LOCALES.fr.retry);
    expect(strings.stop).toBe(LOCALES.fr.stop);
  });

  it('has every key, and six quick prompts, in every locale', () => {
    const keys = Object.keys(LOCALES.en).sort();
    for (const strings of Object.values(LOCALES)) {
      expect(Object.keys(strings).sort()).toEqual(keys);
      expect(strings.quickPrompts).toHaveLength(6);
      for (const value of Object.values(strings)) expect(value).toBeTruthy();
    }
  });

  it('keeps the placeholders the widget fills in, in every locale', () => {
    for (const strings of Object.values(LOCALES)) {
      expect(strings.budgetUser).toContain('{time}');
      expect(strings.budgetSite).toContain('{time}');
      expect(strings.errorBusyRetryIn).toContain('{in}');
      expect(strings.errorRateLimitedRetryIn).toContain('{in}');
      for (const versions of [strings.showingAnswer, strings.showingVersion]) {
        expect(versions).toContain('{n}');
        expect(versions).toContain('{total}');
      }
    }
  });

  it('labels every feedback tag, in every locale', () => {
    for (const strings of Object.values(LOCALES)) {
      expect(strings.feedbackTags).toHaveLength(FEEDBACK_TAGS.length);
    }
  });
});
