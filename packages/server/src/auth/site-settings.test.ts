import { describe, expect, test } from 'vitest';
import { describeSettings, parseSiteSettings, SiteSettingError } from './site-settings.js';

describe('parseSiteSettings', () => {
  test('reads each flag given, and only those', () => {
    expect(parseSiteSettings({})).toEqual({});
    expect(
      parseSiteSettings({
        challenge: 'on',
        identity: 'required',
        dailyBudgetUsd: '12.50',
        fallbackModel: 'claude-haiku-4-5',
      }),
    ).toEqual({
      challenge: 'on',
      identity: 'required',
      dailyBudgetUsd: 12.5,
      fallbackModel: 'claude-haiku-4-5',
    });
    expect(parseSiteSettings({ dailyBudgetUsd: '0' })).toEqual({ dailyBudgetUsd: 0 });
  });

  test('"none" clears a budget or a fallback model', () => {
    expect(parseSiteSettings({ dailyBudgetUsd: 'none', fallbackModel: 'none' })).toEqual({
      dailyBudgetUsd: null,
      fallbackModel: null,
    });
  });

  test.each([
    [{ challenge: 'yes' }, /--challenge: expected on or off, got "yes"/],
    [{ identity: 'maybe' }, /--identity: expected optional or required/],
    [{ dailyBudgetUsd: '-1' }, /--daily-budget-usd/],
    [{ dailyBudgetUsd: 'NaN' }, /--daily-budget-usd/],
    [{ dailyBudgetUsd: 'Infinity' }, /--daily-budget-usd/],
    [{ dailyBudgetUsd: '100000000' }, /--daily-budget-usd/],
    [{ dailyBudgetUsd: ' ' }, /--daily-budget-usd/],
    [{ fallbackModel: 'two words' }, /--fallback-model/],
    [{ fallbackModel: '' }, /--fallback-model/],
    [{ fallbackModel: 'x'.repeat(101) }, /--fallback-model/],
  ])('refuses %j, naming the flag', (flags, message) => {
    expect(() => parseSiteSettings(flags)).toThrow(SiteSettingError);
    expect(() => parseSiteSettings(flags)).toThrow(message);
  });
});

test('describeSettings names every setting, "none" for an unset one', () => {
  expect(
    describeSettings({
      challenge: 'off',
      identity: 'optional',
      daily_budget_usd: null,
      fallback_model: null,
    }),
  ).toBe('challenge=off identity=optional daily_budget_usd=none fallback_model=none');
  // PostgreSQL's numeric arrives as a string.
  expect(
    describeSettings({
      challenge: 'on',
      identity: 'required',
      daily_budget_usd: '5.2500',
      fallback_model: 'claude-haiku-4-5',
    }),
  ).toBe('challenge=on identity=required daily_budget_usd=5.25 fallback_model=claude-haiku-4-5');
});
