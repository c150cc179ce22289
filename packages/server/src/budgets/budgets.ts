import type { Database } from '../db/connect.js';
import { BudgetExceededError } from '../errors.js';
import { MICRO_USD, siteMicroUsdSum, userTokensSum, type LedgerSum } from './ledger-sums.js';
import type { SiteBudget, SiteBudgets } from './site-budgets.js';
import type { SpendTotals, Total } from './spend-totals.js';
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
  /** Told of each send refused (not of one the fallback model answers). */
  onRefused?: (siteId: string | undefined) => void;
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
  private readonly userTokens: LedgerSum;
  private readonly siteMicroUsd: LedgerSum;

  constructor(private readonly options: BudgetsOptions) {
    this.now = options.now ?? Date.now;
    this.userTokens = userTokensSum(options.db);
    this.siteMicroUsd = siteMicroUsdSum(options.db);
  }

  /** Before a call: cleared (maybe for the fallback model), or 429 budget_exceeded. */
  async clear(userId: string, siteId: string | undefined): Promise<BudgetClearance> {
    const site = siteId ? await this.options.sites.get(siteId) : undefined;
    const totals = this.totalsFor(userId, site);
    const values = await this.options.totals.read(totals);
    try {
      return this.verdict(userId, site, spentOf(totals, values));
    } catch (error) {
      this.options.onRefused?.(site?.id);
      throw error;
    }
  }

  /**
   * As `clear`, from what this process knows without waiting, for a speculative start: undefined
   * when the answer would be no (the send's own check then says so) or the site was never read. A
   * total not known yet counts as nothing spent: `clear` still decides before anything is stored,
   * and at most one early call per user (or site) a day is cancelled for it.
   */
  clearNow(userId: string, siteId: string | undefined): BudgetClearance | undefined {
    const site = siteId ? this.options.sites.peek(siteId) : undefined;
    if (site === 'unknown') return undefined;
    const totals = this.totalsFor(userId, site);
    const values = totals.map((total) => this.options.totals.peek(total.key) ?? 0);
    try {
      return this.verdict(userId, site, spentOf(totals, values));
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
  private totalsFor(userId: string, site: SiteBudget | undefined): Total[] {
    const totals: Total[] = [];
    if (this.options.userTokensPerDay > 0) {
      totals.push({ key: userKey(userId), seed: (day) => this.userTokens(userId, day) });
    }
    if (site && site.dailyMicroUsd !== null && site.dailyMicroUsd > 0) {
      totals.push({ key: siteKey(site.id), seed: (day) => this.siteMicroUsd(site.id, day) });
    }
    return totals;
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

function spentOf(totals: Total[], values: number[]): Map<string, number> {
  return new Map(totals.map((total, i) => [total.key, values[i]!]));
}
