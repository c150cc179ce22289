import type { Database } from '../db/connect.js';
import { BudgetExceededError } from '../errors.js';
import { MICRO_USD, siteMicroUsdSum, userTokensSum, type LedgerSum } from './ledger-sums.js';
import type { SiteBudget, SiteBudgets } from './site-budgets.js';
import type { SeedTotal, SpendTotals } from './spend-totals.js';
import { nextUtcMidnight } from './utc-day.js';

/** What the budgets say to one more call to Claude (they throw BudgetExceededError to say no). */
export interface BudgetClearance {
  /** The send's site, when it is one that exists: its calls count against its budget. */
  siteId: string | undefined;
  /** Set once a budget is spent and the site names a fallback: the model that answers instead. */
  fallbackModel: string | undefined;
}

/** One call, as the ledger wrote it (see ReplyStore's `onRecorded`). */
export interface SpendEntry {
  userId: string;
  siteId: string | null;
  tokens: number;
  costUsd: number;
}

export interface BudgetsOptions {
  db: Database;
  totals: SpendTotals;
  sites: SiteBudgets;
  /** BUDGET_USER_TOKENS_PER_DAY; 0: no limit. */
  userTokensPerDay: number;
  now?: () => number;
}

const userKey = (userId: string) => `user:${userId}`;
const siteKey = (siteId: string) => `site:${siteId}`;

/**
 * The daily budgets of SPEC "Visitors, identity and spend": a user's tokens (every site and the
 * host's own tokens alike) and a site's US dollars, per UTC day, from the ledger's running totals.
 * A call in flight always finishes and is counted; the next one is refused, or answered by the
 * site's fallback model.
 */
export class Budgets {
  private readonly now: () => number;
  private readonly seedTotal: SeedTotal;

  constructor(private readonly options: BudgetsOptions) {
    this.now = options.now ?? Date.now;
    const sums: Record<string, LedgerSum> = {
      user: userTokensSum(options.db),
      site: siteMicroUsdSum(options.db),
    };
    this.seedTotal = (key, day) => {
      const [scope, id] = splitKey(key);
      return sums[scope]!(id, day);
    };
  }

  /** Before a call: cleared (maybe for the fallback model), or 429 budget_exceeded. */
  async clear(userId: string, siteId: string | undefined): Promise<BudgetClearance> {
    const site = siteId ? await this.options.sites.get(siteId) : undefined;
    const keys = this.keysFor(userId, site);
    const totals = await this.options.totals.read(keys, this.seedTotal);
    return this.verdict(userId, site, spentOf(keys, totals));
  }

  /**
   * As `clear`, from what this process knows without waiting (for a speculative start): undefined
   * when it does not know, or when the answer would be no (the send's own check then says so).
   */
  clearNow(userId: string, siteId: string | undefined): BudgetClearance | undefined {
    const site = siteId ? this.options.sites.peek(siteId) : undefined;
    if (site === 'unknown') return undefined;
    const keys = this.keysFor(userId, site);
    const totals = keys.map((key) => this.options.totals.peek(key));
    if (totals.some((total) => total === undefined)) return undefined;
    try {
      return this.verdict(userId, site, spentOf(keys, totals as number[]));
    } catch {
      return undefined;
    }
  }

  /** After a call: its tokens and cost join today's totals (ReplyStore's `onRecorded`). */
  readonly recorded = async (entry: SpendEntry): Promise<void> => {
    const { totals } = this.options;
    await Promise.all([
      this.options.userTokensPerDay > 0 ? totals.add(userKey(entry.userId), entry.tokens) : null,
      entry.siteId
        ? totals.add(siteKey(entry.siteId), Math.round(entry.costUsd * MICRO_USD))
        : null,
    ]);
  };

  /** The totals this send is held to: none when no budget applies (nothing to read). */
  private keysFor(userId: string, site: SiteBudget | undefined): string[] {
    return [
      ...(this.options.userTokensPerDay > 0 ? [userKey(userId)] : []),
      ...(site && site.dailyMicroUsd !== null && site.dailyMicroUsd > 0 ? [siteKey(site.id)] : []),
    ];
  }

  private verdict(
    userId: string,
    site: SiteBudget | undefined,
    spent: Map<string, number>,
  ): BudgetClearance {
    const { userTokensPerDay } = this.options;
    const userSpent = userTokensPerDay > 0 && (spent.get(userKey(userId)) ?? 0) >= userTokensPerDay;
    // A budget of 0 is spent before the first call (there is nothing to read for it).
    const siteSpent =
      site?.dailyMicroUsd !== null &&
      site?.dailyMicroUsd !== undefined &&
      (spent.get(siteKey(site.id)) ?? 0) >= site.dailyMicroUsd;
    if (!siteSpent && !userSpent) return { siteId: site?.id, fallbackModel: undefined };
    if (site?.fallbackModel) return { siteId: site.id, fallbackModel: site.fallbackModel };
    throw new BudgetExceededError(siteSpent ? 'site' : 'user', nextUtcMidnight(this.now()));
  }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

function spentOf(keys: string[], totals: number[]): Map<string, number> {
  return new Map(keys.map((key, i) => [key, totals[i]!]));
}
