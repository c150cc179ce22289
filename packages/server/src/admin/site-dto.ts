import type { Site } from '../db/models/index.js';

/** A site as the console shows it: everything but its identity secret. */
export function toAdminSite(site: Site) {
  return {
    id: site.id,
    name: site.name,
    site_key: site.site_key,
    origins: site.allowed_origins,
    challenge: site.challenge,
    identity: site.identity,
    daily_budget_usd: site.daily_budget_usd === null ? null : Number(site.daily_budget_usd),
    fallback_model: site.fallback_model,
    widget: site.widget ?? {},
    default_mode: site.default_mode,
    disabled: site.disabled_at !== null,
    disabled_at: site.disabled_at ? new Date(site.disabled_at).toISOString() : null,
    created_at: new Date(site.created_at).toISOString(),
    updated_at: new Date(site.updated_at).toISOString(),
  };
}

/** What the widget reads (public): the look and the rules a visitor's browser needs to know. */
export function toPublicSiteConfig(site: Site) {
  return {
    site_key: site.site_key,
    widget: site.widget ?? {},
    default_mode: site.default_mode,
    challenge: site.challenge,
    identity: site.identity,
  };
}
