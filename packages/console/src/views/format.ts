/** How the console writes numbers: one format per kind of figure. */

export const usd = (n: number) =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });

export const count = (n: number) => n.toLocaleString('en-US');

export const percent = (n: number) =>
  n.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const decimal = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

const oneDecimal = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** A time in milliseconds in the unit that reads best: `640 ms`, `4.2 s`, `2.5 min`, `1.2 h`. */
export function duration(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  // Each unit is rounded first, so that 59.96 s reads as `1 min`, not `60 s`.
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${oneDecimal(seconds)} s`;
  const minutes = Math.round(ms / 6_000) / 10;
  if (minutes < 60) return `${oneDecimal(minutes)} min`;
  return `${oneDecimal(ms / 3_600_000)} h`;
}

/** `format(n)`, or a dash where there is no figure yet. */
export const orDash =
  (format: (n: number) => string) =>
  (n: number | null): string =>
    n === null ? '—' : format(n);

export const dateTime = (iso: string) => new Date(iso).toLocaleString();
