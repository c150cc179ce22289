import { Model } from 'objection';

/** How the call ended; `cancelled`: its send was refused or superseded, so no message holds it. */
export type UsageOutcome = 'complete' | 'stopped' | 'error' | 'cancelled';

export class ApiUsageLog extends Model {
  static override tableName = 'api_usage_log';

  id!: string;
  user_id!: string | null;
  /** The site whose visitor the call was for (a guest token's `site`); null for the host's own tokens. */
  site_id!: string | null;
  session_id!: string | null;
  message_id!: string | null;
  model!: string;
  input_tokens!: number;
  output_tokens!: number;
  latency_ms!: number | null;
  outcome!: UsageOutcome;
  /** What the call was for: a reply, or a session's title. */
  purpose!: 'reply' | 'title';
  estimated_cost_usd!: string | number;
  created_at!: Date;
}
