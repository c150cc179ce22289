const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
];
const WEEK_S = 7 * 24 * 60 * 60;

/**
 * When a conversation was last active, in the widget's locale: "5 minutes ago", "yesterday"
 * within a week, then its date ("12 Mar 2026").
 */
export function lastActivity(iso: string, locale: string | null, now = Date.now()): string {
  const time = Date.parse(iso);
  const seconds = Math.max(0, (now - time) / 1000);
  const language = locale ?? undefined;
  if (seconds >= WEEK_S) {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(time);
  }
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (seconds < 60) return relative.format(0, 'second');
  const [unit, size] = UNITS.findLast(([, size]) => seconds >= size)!;
  return relative.format(-Math.floor(seconds / size), unit);
}
