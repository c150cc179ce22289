import { NetworkError, RepruvError } from '@repruv/client-sdk';
import { describe, expect, it } from 'vitest';
import { messageFailure } from '../controllers/message-failure.js';
import { failureText, formatResetTime, formatRetryIn } from './failure-text.js';
import { LOCALES, resolveStrings } from './all-locales.js';

const NOW = Date.parse('2026-12-01T20:00:00Z');
const MIDNIGHT = '2026-12-02T00:00:00.000Z';
/** Intl puts a narrow no-break space before "AM"; a reader sees a space. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** The error the SDK makes of a refused send. */
function refusal(status: number, code: string, details?: unknown, retryAfter?: string) {
  const headers = new Headers(retryAfter ? { 'retry-after': retryAfter } : {});
  const body = { error: { code, message: 'refused', details }, request_id: 'r' };
  return RepruvError.fromResponse(status, body, headers);
}

const text = (error: unknown, locale: string | null, role: 'user' | 'assistant' = 'user') =>
  plain(
    failureText({ role, ...messageFailure(error, NOW) }, resolveStrings(locale), {
      locale,
      now: NOW,
      timeZone: 'Europe/Paris',
    }),
  );

describe('the text of a refused or failed message', () => {
  const userBudget = refusal(
    429,
    'budget_exceeded',
    { scope: 'user', resets_at: MIDNIGHT },
    '14400',
  );

  it("names when a visitor's spent budget resets, in their time zone and the widget's locale", () => {
    expect(text(userBudget, 'en')).toBe(
      "You've reached today's limit. You can chat again at 1:00 AM.",
    );
    expect(text(userBudget, 'en-GB')).toBe(
      "You've reached today's limit. You can chat again at 1:00.",
    );
    expect(text(userBudget, 'de')).toBe(
      'Du hast das heutige Limit erreicht. Ab 1:00 kannst du wieder chatten.',
    );
    expect(text(userBudget, 'fr')).toContain('à 1:00.');
    expect(text(userBudget, 'pt-BR')).toContain('às 1:00.');
    expect(text(userBudget, 'es')).toContain('a partir de las 1:00.');
  });

  it("words a site's spent budget apart from the visitor's own", () => {
    const site = refusal(429, 'budget_exceeded', { scope: 'site', resets_at: MIDNIGHT });
    expect(text(site, 'en')).toBe(
      "The assistant has reached today's limit for this site. You can chat again at 1:00 AM.",
    );
  });

  it('takes the reset from Retry-After when the details carry none', () => {
    const bare = refusal(429, 'budget_exceeded', undefined, '18000');
    expect(text(bare, null)).toBe("You've reached today's limit. You can chat again at 2:00 AM.");
  });

  it('formats in English, the language of the strings shown, for a locale the widget lacks', () => {
    expect(text(userBudget, 'ja')).toBe(
      "You've reached today's limit. You can chat again at 1:00 AM.",
    );
    expect(text(userBudget, 'not a locale!')).toContain('at 1:00 AM.');
  });

  it('says the assistant is busy, and when to try again', () => {
    const busy = refusal(503, 'upstream_unavailable', undefined, '30');
    expect(text(busy, 'en')).toBe('The assistant is busy right now. Try again in 30 seconds.');
    expect(text(busy, 'de')).toBe(
      'Der Assistent ist gerade ausgelastet. Versuche es in 30 Sekunden erneut.',
    );
    expect(text(busy, 'es')).toBe(
      'El asistente está ocupado ahora mismo. Inténtalo de nuevo dentro de 30 segundos.',
    );
    expect(text(refusal(503, 'upstream_unavailable'), 'en')).toBe(LOCALES.en.errorBusy);
  });

  it('says the same when the server is too busy for guests (overloaded)', () => {
    expect(text(refusal(503, 'overloaded', undefined, '2'), 'en')).toBe(
      'The assistant is busy right now. Try again in 2 seconds.',
    );
    expect(text(refusal(503, 'overloaded'), 'en')).toBe(LOCALES.en.errorBusy);
  });

  it('says a rate limit is passing, and when', () => {
    expect(text(refusal(429, 'rate_limited', undefined, '120'), 'en')).toBe(
      'Too many messages. Try again in 2 minutes.',
    );
    expect(text(refusal(429, 'rate_limited'), 'fr')).toBe(LOCALES.fr.errorRateLimited);
  });

  it('keeps "Not sent." for other failed sends, and names the cause of a failed reply', () => {
    expect(text(new NetworkError(), 'en')).toBe(LOCALES.en.notSent);
    expect(text(new NetworkError(), 'en', 'assistant')).toBe(LOCALES.en.errorNetwork);
    expect(text(refusal(502, 'upstream_error'), 'en', 'assistant')).toBe(LOCALES.en.errorBusy);
    expect(text(new Error('boom'), 'en', 'assistant')).toBe(LOCALES.en.errorGeneric);
  });
});

describe('messageFailure', () => {
  it("prefers the budget's resets_at to Retry-After, and keeps only a known scope", () => {
    const failure = messageFailure(
      refusal(429, 'budget_exceeded', { scope: 'user', resets_at: MIDNIGHT }, '5'),
      NOW,
    );
    expect(failure).toEqual({
      errorCode: 'budget_exceeded',
      retryAt: Date.parse(MIDNIGHT),
      limitScope: 'user',
    });
    expect(
      messageFailure(refusal(429, 'budget_exceeded', { scope: 'x', resets_at: 'soon' }, '5'), NOW),
    ).toEqual({ errorCode: 'budget_exceeded', retryAt: NOW + 5000 });
    expect(messageFailure('not an error', NOW)).toEqual({ errorCode: 'internal' });
  });
});

describe('formatRetryIn and formatResetTime', () => {
  it('rounds up, never to "0 seconds", and moves to minutes and hours', () => {
    expect(formatRetryIn(200, 'en')).toBe('in 1 second');
    expect(formatRetryIn(89_000, 'en')).toBe('in 89 seconds');
    expect(formatRetryIn(90_000, 'en')).toBe('in 2 minutes');
    expect(formatRetryIn(3 * 3600_000, 'en')).toBe('in 3 hours');
    expect(formatRetryIn(-5000, 'en')).toBe('in 1 second');
  });

  it('adds the weekday when the reset is a day or more away', () => {
    const at = Date.parse('2026-12-03T00:00:00Z');
    expect(plain(formatResetTime(at, { locale: 'en', now: NOW, timeZone: 'UTC' }))).toBe(
      'Thursday 12:00 AM',
    );
  });
});
