import { describe, expect, it } from 'vitest';
import { lastDays, presetOf } from './analytics-range.js';

// Late in the UTC day, so that a local time zone ahead of UTC would show the next day.
const today = new Date('2026-12-03T23:30:00Z');

describe('the analytics ranges', () => {
  it('end today (UTC) and count today among their days', () => {
    expect(lastDays(7, today)).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(lastDays(30, today)).toEqual({ from: '2026-11-04', to: '2026-12-03' });
    expect(lastDays(90, today)).toEqual({ from: '2026-09-05', to: '2026-12-03' });
    expect(lastDays(1, today)).toEqual({ from: '2026-12-03', to: '2026-12-03' });
  });

  it('cross a leap day', () => {
    expect(lastDays(2, new Date('2028-03-01T00:00:00Z'))).toEqual({
      from: '2028-02-29',
      to: '2028-03-01',
    });
  });

  it('name the preset a range is, if any', () => {
    expect(presetOf({ from: '2026-11-27', to: '2026-12-03' }, today)).toBe(7);
    expect(presetOf({ from: '2026-09-05', to: '2026-12-03' }, today)).toBe(90);
    expect(presetOf({ from: '2026-11-27', to: '2026-12-02' }, today)).toBeNull();
    expect(presetOf({ from: '2026-11-28', to: '2026-12-04' }, today)).toBeNull();
  });
});
