import { Model } from 'objection';
import type { SiteWidget } from '../../auth/site-widget.js';

export class Site extends Model {
  static override tableName = 'sites';

  id!: string;
  name!: string;
  site_key!: string;
  allowed_origins!: string[];
  /** Whether a guest token needs a solved proof-of-work challenge first. */
  challenge!: 'off' | 'on';
  /** `required`: every guest token names a host user, proven by `user_hash`. */
  identity!: 'optional' | 'required';
  /** The HMAC-SHA256 key of `user_hash`; never shown after `sites add` / `sites rotate-secret`. */
  identity_secret!: string | null;
  /** US dollars a day for every call made for this site's visitors; null: no limit. */
  daily_budget_usd!: string | number | null;
  /** Answers instead of refusing once the daily budget is spent; null: refuse. */
  fallback_model!: string | null;
  /** The widget's look, as the console sets it (auth/site-widget.ts). */
  widget!: SiteWidget;
  /** The mode a new session of this site's widget starts in; null: the server's default. */
  default_mode!: string | null;
  /** Set: disabled, no guest tokens are issued for it. */
  disabled_at!: Date | null;
  created_at!: Date;
  updated_at!: Date;

  static override get jsonAttributes(): string[] {
    return ['widget'];
  }
}
