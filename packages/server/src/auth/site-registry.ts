import { randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { raw, type PartialModelObject } from 'objection';
import type { Database } from '../db/connect.js';
import { newIdentitySecret } from '../db/migrations/006_visitor_limits.js';
import { Site } from '../db/models/index.js';
import { SiteSettingError, type SiteSettings } from './site-settings.js';
import type { SiteWidget } from './site-widget.js';

export const DEV_SITE_KEY = 'pk_dev';
/**
 * How long a site read from the database is believed: `repruv-server sites set` (another process)
 * takes effect on a running server within this time.
 */
export const SITE_CACHE_MS = 3_000;
const SITE_CACHE_ENTRIES = 10_000;

/** `http://localhost:*` allows any port; otherwise origins match exactly. */
export function originMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (!pattern.endsWith(':*')) return false;
  const base = pattern.slice(0, -2);
  return origin.startsWith(`${base}:`) && /^\d+$/.test(origin.slice(base.length + 1));
}

export function normalizeOrigin(origin: string): string {
  const anyPort = origin.endsWith(':*');
  const url = new URL(anyPort ? origin.slice(0, -2) : origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SiteSettingError(`Origin must be http(s): ${origin}`);
  }
  const port = anyPort ? ':*' : url.port ? `:${url.port}` : '';
  return `${url.protocol}//${url.hostname}${port}`;
}

/** What the console may change on a site besides its visitor rules; unset: unchanged. */
export interface SiteConsoleChanges {
  name?: string;
  origins?: string[];
  widget?: SiteWidget;
  /** null: the server's default mode. */
  defaultMode?: string | null;
  disabled?: boolean;
}

export type SiteChanges = SiteSettings & SiteConsoleChanges;

function settingColumns(settings: SiteChanges): Partial<Site> {
  const columns: Partial<Site> = {};
  if (settings.name !== undefined) columns.name = settings.name;
  if (settings.origins !== undefined)
    columns.allowed_origins = settings.origins.map(normalizeOrigin);
  if (settings.widget !== undefined) columns.widget = settings.widget;
  if (settings.defaultMode !== undefined) columns.default_mode = settings.defaultMode;
  if (settings.disabled !== undefined) {
    columns.disabled_at = settings.disabled ? new Date() : null;
  }
  if (settings.challenge !== undefined) columns.challenge = settings.challenge;
  if (settings.identity !== undefined) columns.identity = settings.identity;
  if (settings.dailyBudgetUsd !== undefined) columns.daily_budget_usd = settings.dailyBudgetUsd;
  if (settings.fallbackModel !== undefined) columns.fallback_model = settings.fallbackModel;
  return columns;
}

/** Sites that may embed the widget, with the origins and the visitor rules of each. */
export class SiteRegistry {
  private originsCache: { at: number; patterns: Promise<string[]> } | undefined;
  // Unknown keys are remembered too (as null), so a flood of made-up keys does not reach the
  // database; the read itself is remembered, so that a flood meeting an expired entry reads once.
  private readonly sites = new LRUCache<string, Promise<Site | null>>({
    max: SITE_CACHE_ENTRIES,
    ttl: SITE_CACHE_MS,
  });

  constructor(private readonly db: Database) {}

  /** A new site, with an identity secret of its own (the returned row holds it: show it once). */
  async add(
    name: string,
    origins: string[],
    options: Omit<SiteChanges, 'name' | 'origins'> & { siteKey?: string } = {},
  ): Promise<Site> {
    const site = await Site.query(this.db)
      .insert({
        id: randomUUID(),
        name,
        site_key: options.siteKey ?? `pk_live_${randomBytes(16).toString('hex')}`,
        allowed_origins: origins.map(normalizeOrigin),
        identity_secret: newIdentitySecret(),
        ...settingColumns(options),
      })
      .returning('*');
    this.forget();
    return site;
  }

  /** Changes a site's settings; undefined when no site has the key. */
  async update(siteKey: string, settings: SiteSettings): Promise<Site | undefined> {
    return this.patch('site_key', siteKey, settings);
  }

  /** Changes a site by id (the console's way); undefined when there is none. */
  async updateById(id: string, changes: SiteChanges): Promise<Site | undefined> {
    return this.patch('id', id, changes);
  }

  private async patch(
    column: 'id' | 'site_key',
    value: string,
    changes: SiteChanges,
  ): Promise<Site | undefined> {
    const columns: PartialModelObject<Site> = settingColumns(changes);
    if (Object.keys(columns).length === 0) {
      return Site.query(this.db).findOne({ [column]: value });
    }
    // Disabling a disabled site keeps the time it was first disabled at.
    if (columns.disabled_at) columns.disabled_at = raw('coalesce(disabled_at, now())');
    const [site] = await Site.query(this.db)
      .patch({ ...columns, updated_at: raw('now()') })
      .where(column, value)
      .returning('*');
    this.forget();
    return site;
  }

  /** Gives the site a new identity secret and returns it; the old one stops working at once here. */
  async rotateSecret(siteKey: string): Promise<string | undefined> {
    return this.newSecret('site_key', siteKey);
  }

  async rotateSecretById(id: string): Promise<string | undefined> {
    return this.newSecret('id', id);
  }

  private async newSecret(column: 'id' | 'site_key', value: string): Promise<string | undefined> {
    const secret = newIdentitySecret();
    const changed = await Site.query(this.db)
      .patch({ identity_secret: secret, updated_at: raw('now()') })
      .where(column, value);
    this.forget();
    return changed > 0 ? secret : undefined;
  }

  /** The site with this id as the database has it now (the console reads what it just wrote). */
  async findFreshById(id: string): Promise<Site | undefined> {
    return Site.query(this.db).findById(id);
  }

  async list(): Promise<Site[]> {
    return Site.query(this.db).orderBy('created_at');
  }

  async remove(siteKey: string): Promise<boolean> {
    const removed = await Site.query(this.db).delete().where('site_key', siteKey);
    this.forget();
    return removed > 0;
  }

  /** The site with this public key, as it was at most SITE_CACHE_MS ago. */
  async findByKey(siteKey: string): Promise<Site | undefined> {
    return this.cached(`key:${siteKey}`, () => Site.query(this.db).findOne({ site_key: siteKey }));
  }

  /** The site with this id (a guest token's `site`), as it was at most SITE_CACHE_MS ago. */
  async findById(id: string): Promise<Site | undefined> {
    return this.cached(`id:${id}`, () => Site.query(this.db).findById(id));
  }

  private async cached(
    key: string,
    load: () => PromiseLike<Site | undefined>,
  ): Promise<Site | undefined> {
    let site = this.sites.get(key);
    if (!site) {
      const loading = Promise.resolve(load()).then((found) => found ?? null);
      this.sites.set(key, loading);
      loading.catch(() => {
        if (this.sites.peek(key) === loading) this.sites.delete(key); // a failed read is not kept
      });
      site = loading;
    }
    return (await site) ?? undefined;
  }

  /** After a change made here, this process reads the database again at once. */
  private forget(): void {
    this.sites.clear();
    this.originsCache = undefined;
  }

  /** The development site, so the demo page on localhost works with no setup. */
  async ensureDevSite(): Promise<void> {
    if (await this.findByKey(DEV_SITE_KEY)) return;
    await Site.query(this.db)
      .insert({
        id: randomUUID(),
        name: 'Local development',
        site_key: DEV_SITE_KEY,
        allowed_origins: ['http://localhost:*', 'http://127.0.0.1:*'],
        identity_secret: newIdentitySecret(),
      })
      .onConflict('site_key')
      .ignore();
    this.forget();
  }

  /**
   * A production start removes the development site: it lets any localhost page mint guest
   * tokens. Says whether there was one.
   */
  async removeDevSite(): Promise<boolean> {
    return this.remove(DEV_SITE_KEY);
  }

  /** Whether any registered site allows this origin (for CORS). */
  async isAllowedOrigin(origin: string): Promise<boolean> {
    const patterns = await this.allOriginPatterns();
    return patterns.some((pattern) => originMatches(pattern, origin));
  }

  private async allOriginPatterns(): Promise<string[]> {
    if (!this.originsCache || Date.now() - this.originsCache.at >= SITE_CACHE_MS) {
      const patterns = Site.query(this.db)
        .select('allowed_origins')
        .then((sites) => sites.flatMap((site) => site.allowed_origins));
      const cache = { at: Date.now(), patterns };
      this.originsCache = cache;
      patterns.catch(() => {
        if (this.originsCache === cache) this.originsCache = undefined;
      });
    }
    return this.originsCache.patterns;
  }
}
