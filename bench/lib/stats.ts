/** Order statistics over samples (ms), and the median/min/max of per-round figures. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values) };
}

export const round2 = (value: number) => Math.round(value * 100) / 100;

export function formatSpread(s: Spread, unit = 'ms'): string {
  return `${round2(s.median)} ${unit} (${round2(s.min)}–${round2(s.max)})`;
}
