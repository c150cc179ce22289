import { describe, expect, it } from 'vitest';
import { lineRuns, niceCeiling, niceCountCeiling, niceDurationCeiling } from './chart-scale.js';

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [-3, 1],
    [Number.NaN, 1],
    [1, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [10, 10],
    [42, 50],
    [1_800, 2_000],
    [9_100, 10_000],
    [0.08, 0.1],
    [0.025, 0.05],
    [0.3, 0.5],
    [0.2, 0.2],
  ])('rounds %d up to %d', (max, ceiling) => {
    expect(niceCeiling(max)).toBe(ceiling);
  });
});

describe('niceDurationCeiling', () => {
  it.each([
    [0, 1],
    [640, 1_000],
    [1_200, 2_000],
    [7_500, 10_000],
    [55_000, 60_000],
    [190_000, 300_000],
    [300_000, 300_000],
    [3_540_000, 3_600_000],
    [5_400_000, 7_200_000],
  ])('rounds %d ms up to %d ms, in the unit it is written in', (max, ceiling) => {
    expect(niceDurationCeiling(max)).toBe(ceiling);
  });
});

describe('niceCountCeiling', () => {
  it('is 2 at least, so that the middle tick is a whole number', () => {
    expect(niceCountCeiling(0)).toBe(2);
    expect(niceCountCeiling(1)).toBe(2);
    expect(niceCountCeiling(42)).toBe(50);
  });
});

describe('lineRuns', () => {
  it('joins consecutive days and leaves a gap, not a zero, where a day has no figure', () => {
    expect(lineRuns([1, 2, null, 0, null, null, 5])).toEqual([
      [
        { index: 0, value: 1 },
        { index: 1, value: 2 },
      ],
      [{ index: 3, value: 0 }],
      [{ index: 6, value: 5 }],
    ]);
  });

  it('has no runs when nothing was measured', () => {
    expect(lineRuns([null, null])).toEqual([]);
    expect(lineRuns([])).toEqual([]);
  });
});
