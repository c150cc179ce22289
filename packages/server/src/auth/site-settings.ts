/** A site's own rules for its visitors (SPEC "Visitors, identity and spend"); unset: unchanged. */
export interface SiteSettings {
  challenge?: 'off' | 'on';
  identity?: 'optional' | 'required';
  /** US dollars a day for the site's visitors; null: no limit. */
  dailyBudgetUsd?: number | null;
  /** The model that answers once the daily budget is spent; null: refuse instead. */
  fallbackModel?: string | null;
}

/** What an operator typed, flag by flag (`sites add` / `sites set`). */
export interface SiteSettingFlags {
  challenge?: string | undefined;
  identity?: string | undefined;
  dailyBudgetUsd?: string | undefined;
  fallbackModel?: string | undefined;
}

export class SiteSettingError extends Error {}

/** A Claude model id, as a site's fallback model. */
export const MODEL_ID = /^[a-z0-9][a-z0-9.@:_-]{0,99}$/i;
/** A daily budget is below this many US dollars. */
export const MAX_DAILY_BUDGET_USD = 1e8;
/** Clears a budget or a fallback model. */
const NONE = 'none';

/** Reads the flags an operator gave; a wrong value throws a message naming the flag. */
export function parseSiteSettings(flags: SiteSettingFlags): SiteSettings {
  const settings: SiteSettings = {};
  if (flags.challenge !== undefined) {
    settings.challenge = oneOf('--challenge', flags.challenge, ['on', 'off'] as const);
  }
  if (flags.identity !== undefined) {
    settings.identity = oneOf('--identity', flags.identity, ['optional', 'required'] as const);
  }
  if (flags.dailyBudgetUsd !== undefined) {
    settings.dailyBudgetUsd = budget(flags.dailyBudgetUsd);
  }
  if (flags.fallbackModel !== undefined) {
    const model = flags.fallbackModel.trim();
    if (model !== NONE && !MODEL_ID.test(model)) {
      throw new SiteSettingError(
        `--fallback-model: expected a Claude model id such as claude-haiku-4-5, or "${NONE}", got "${flags.fallbackModel}".`,
      );
    }
    settings.fallbackModel = model === NONE ? null : model;
  }
  return settings;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value.trim());
  if (!found)
    throw new SiteSettingError(`${flag}: expected ${allowed.join(' or ')}, got "${value}".`);
  return found;
}

function budget(value: string): number | null {
  const given = value.trim();
  if (given === NONE) return null;
  const usd = Number(given);
  if (given === '' || !Number.isFinite(usd) || usd < 0 || usd >= MAX_DAILY_BUDGET_USD) {
    throw new SiteSettingError(
      `--daily-budget-usd: expected US dollars a day (such as 5 or 12.50), or "${NONE}", got "${value}".`,
    );
  }
  return usd;
}

/** One line of a site's settings, as `sites list` and `sites set` print them (never the secret). */
export function describeSettings(site: {
  challenge: string;
  identity: string;
  daily_budget_usd: string | number | null;
  fallback_model: string | null;
}): string {
  const budgetUsd = site.daily_budget_usd === null ? NONE : String(Number(site.daily_budget_usd));
  return [
    `challenge=${site.challenge}`,
    `identity=${site.identity}`,
    `daily_budget_usd=${budgetUsd}`,
    `fallback_model=${site.fallback_model ?? NONE}`,
  ].join(' ');
}
