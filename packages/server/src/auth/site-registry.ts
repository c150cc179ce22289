import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { Site } from '../db/models/index.js';

export const DEV_SITE_KEY = 'pk_dev';
const ORIGIN_CACHE_MS = 10_000;

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
    throw new Error(`Origin must be http(s): ${origin}`);
  }
  const port = anyPort ? ':*' : url.port ? `:${url.port}` : '';
  return `${url.protocol}//${url.hostname}${port}`;
}

/** Sites that may embed the widget, with the origins each allows. */
export class SiteRegistry {
  private originsCache: { at: number; patterns: string[] } | undefined;

  constructor(private readonly db: Database) {}

  async add(name: string, origins: string[], siteKey?: string): Promise<Site> {
    const site = await Site.query(this.db)
      .insert({
        id: randomUUID(),
        name,
        site_key: siteKey ?? `pk_live_${randomBytes(16).toString('hex')}`,
        allowed_origins: origins.map(normalizeOrigin),
      })
      .returning('*');
    this.originsCache = undefined;
    return site;
  }

  async list(): Promise<Site[]> {
    return Site.query(this.db).orderBy('created_at');
  }

  async remove(siteKey: string): Promise<boolean> {
    const removed = await Site.query(this.db).delete().where('site_key', siteKey);
    this.originsCache = undefined;
    return removed > 0;
  }

  async findByKey(siteKey: string): Promise<Site | undefined> {
    return Site.query(this.db).findOne({ site_key: siteKey });
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
      })
      .onConflict('site_key')
      .ignore();
    this.originsCache = undefined;
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
    if (this.originsCache && Date.now() - this.originsCache.at < ORIGIN_CACHE_MS) {
      return this.originsCache.patterns;
    }
    const sites = await Site.query(this.db).select('allowed_origins');
    const patterns = sites.flatMap((site) => site.allowed_origins);
    this.originsCache = { at: Date.now(), patterns };
    return patterns;
  }
}
