import type { MessageFailure } from '../controllers/message-failure.js';
import { matchLocale } from './locale.js';
import type { WidgetStrings } from './strings.js';

export interface FailureTextOptions {
  /** The widget's `locale` attribute. */
  locale?: string | null;
  now?: number;
  /** Defaults to the visitor's own. */
  timeZone?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The sentence a failed message shows. A refusal that says when it ends (a spent budget, a
 * rate limit, a busy assistant) names that time; any other failed send is "Not sent."; a
 * reply that failed names its cause.
 */
export function failureText(
  failure: MessageFailure & { role: 'user' | 'assistant' },
  strings: WidgetStrings,
  options: FailureTextOptions = {},
): string {
  const { errorCode, retryAt } = failure;
  const now = options.now ?? Date.now();
  const locale = intlLocale(options.locale);
  if (retryAt !== undefined) {
    const retryIn = () => formatRetryIn(retryAt - now, locale);
    switch (errorCode) {
      case 'budget_exceeded': {
        const template = failure.limitScope === 'site' ? strings.budgetSite : strings.budgetUser;
        const time = formatResetTime(retryAt, { locale, now, timeZone: options.timeZone });
        return template.replace('{time}', time);
      }
      case 'upstream_unavailable':
      case 'overloaded':
        return strings.errorBusyRetryIn.replace('{in}', retryIn());
      case 'rate_limited':
        return strings.errorRateLimitedRetryIn.replace('{in}', retryIn());
    }
  }
  switch (errorCode) {
    case 'rate_limited':
      return strings.errorRateLimited;
    case 'upstream_unavailable':
    case 'overloaded':
      return strings.errorBusy;
  }
  if (failure.role === 'user') return strings.notSent;
  switch (errorCode) {
    case 'network_error':
      return strings.errorNetwork;
    case 'upstream_error':
      return strings.errorBusy;
    default:
      return strings.errorGeneric;
  }
}

/** "1:00 AM"; with the weekday when it is a day or more away. */
export function formatResetTime(
  at: number,
  { locale, now = Date.now(), timeZone }: { locale?: string; now?: number; timeZone?: string },
): string {
  return new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    ...(at - now >= DAY_MS && { weekday: 'long' }),
    ...(timeZone && { timeZone }),
  }).format(at);
}

/** "in 30 seconds", "in 2 minutes", "in 3 hours": rounded up, never "in 0 seconds". */
export function formatRetryIn(ms: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return format.format(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return format.format(minutes, 'minute');
  return format.format(Math.ceil(minutes / 60), 'hour');
}

/**
 * The locale Intl formats in: the widget's `locale` (so `en-GB` gets a 24-hour clock) when its
 * language is that of the strings shown, else the strings' language.
 */
function intlLocale(locale: string | null | undefined): string {
  const language = matchLocale(locale);
  try {
    const [canonical] = Intl.getCanonicalLocales(locale ?? []);
    return canonical?.split('-')[0] === language ? canonical : language;
  } catch {
    return language;
  }
}
