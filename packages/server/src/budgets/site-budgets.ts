import { LRUCache } from 'lru-cache';
import type { Database } from '../db/connect.js';
import { MICRO_USD } from './ledger-sums.js';

/** What a site says about spending: its daily budget and the model that answers once it is spent. */
export interface SiteBudget {
  id: string;
  /** Millionths of a US dollar a UTC day; null: no limit. */
  dailyMicroUsd: number | null;
  fallbackModel: string | null;
}

/** Short: `repruv-server sites` may change a site's budget while the server runs. */
const FRESH_MS = 5_000;
const SITES_KEPT = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Entry {
  site: SiteBudget | undefined;
}

/** The sites' budget settings, read through a cache of a few seconds, unknown sites included. */
export class SiteBudgets {
  private readonly cache: LRUCache<string, Entry>;

  constructor(db: Database, freshMs = FRESH_MS) {
    this.cache = new LRUCache<string, Entry>({
      max: SITES_KEPT,
      ttl: freshMs,
      noDeleteOnStaleGet: true, // `peek` may read it stale; `get` fetches it again
      fetchMethod: async (siteId) => ({ site: await readSite(db, siteId) }),
    });
  }

  /** The site's settings; undefined for a site that does not exist (or an id that cannot be one). */
  async get(siteId: string): Promise<SiteBudget | undefined> {
    if (!UUID.test(siteId)) return undefined;
    return (await this.cache.fetch(siteId))?.site;
  }

  /** As `get`, from the cache alone, however old: `unknown` when it never read the site. */
  peek(siteId: string): SiteBudget | undefined | 'unknown' {
    if (!UUID.test(siteId)) return undefined;
    const entry = this.cache.get(siteId, { allowStale: true });
    return entry ? entry.site : 'unknown';
  }
}

async function readSite(db: Database, siteId: string): Promise<SiteBudget | undefined> {
  const row = (await db('sites')
    .where({ id: siteId })
    .first('id', 'daily_budget_usd', 'fallback_model')) as
    | { id: string; daily_budget_usd: string | number | null; fallback_model: string | null }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    dailyMicroUsd:
      row.daily_budget_usd === null ? null : Math.round(Number(row.daily_budget_usd) * MICRO_USD),
    fallbackModel: row.fallback_model || null,
  };
}
