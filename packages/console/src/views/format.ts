/** How the console writes numbers: one format per kind of figure. */

export const usd = (n: number) =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });

export const count = (n: number) => n.toLocaleString('en-US');

export const percent = (n: number) =>
  n.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const decimal = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** `format(n)`, or a dash where there is no figure yet. */
export const orDash =
  (format: (n: number) => string) =>
  (n: number | null): string =>
    n === null ? '—' : format(n);

export const dateTime = (iso: string) => new Date(iso).toLocaleString();
