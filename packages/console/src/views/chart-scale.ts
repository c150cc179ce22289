/** Where a day chart's figures go: the top of its scale, and its lines broken where a day has none. */

/** The smallest 1, 2 or 5 times a power of ten at or above `max`, so the scale reads in round steps; 1 for nothing. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max * (1 - 1e-12)) ?? 10;
  // toPrecision rounds away the float noise of small powers (0.1 × 3 = 0.30000000000000004).
  return Number((step * power).toPrecision(12));
}

const TIME_UNITS_MS = [1, 1_000, 60_000, 3_600_000];

/**
 * niceCeiling in the unit `duration` writes a time of `maxMs` in, so that 5 min is the top, not
 * 8.3 min (500 s); a top past 60 of its unit moves up a unit (1 h, not 100 min).
 */
export function niceDurationCeiling(maxMs: number): number {
  let index = Math.max(
    TIME_UNITS_MS.findLastIndex((unit) => maxMs >= unit),
    0,
  );
  for (; index < TIME_UNITS_MS.length - 1; index++) {
    const unit = TIME_UNITS_MS[index]!;
    if (index === 0 ? maxMs < 1_000 : niceCeiling(maxMs / unit) <= 60) break;
  }
  const unit = TIME_UNITS_MS[index]!;
  return niceCeiling(maxMs / unit) * unit;
}

/** niceCeiling, at least 2, so that a count's scale has no half at its middle tick. */
export const niceCountCeiling = (max: number) => Math.max(2, niceCeiling(max));

export interface RunPoint {
  /** The day's position in the range. */
  index: number;
  value: number;
}

/** The stretches of consecutive days that have a figure: a line joins each, a day without one is a gap. */
export function lineRuns(values: ReadonlyArray<number | null>): RunPoint[][] {
  const runs: RunPoint[][] = [];
  let run: RunPoint[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push({ index, value });
  });
  if (run.length) runs.push(run);
  return runs;
}
