/** Personas and prompt experiments as `/api/v1/admin/personas` and `/experiments` give them (docs/openapi.yaml). */

/** What an operator sets on a persona; null: the server's default. */
export interface PersonaFields {
  name: string;
  description: string;
  system_prompt: string;
  model: string | null;
  temperature: number | null;
  max_tokens: number | null;
}

export interface Persona extends PersonaFields {
  id: string;
  /** Null: a persona of every site. */
  site_id: string | null;
  /** What a session names it by. */
  mode: string;
  built_in: boolean;
  running_experiment_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewPersona extends PersonaFields {
  site_id: string | null;
  mode: string;
}

/** The mode and the site stay as they are: sessions name the mode. */
export type PersonaChanges = Partial<PersonaFields>;

export interface Variant {
  id: string;
  name: string;
  system_prompt: string;
  weight: number;
}

export type ExperimentStatus = 'running' | 'stopped';

export interface Experiment {
  id: string;
  persona_id: string;
  name: string;
  status: ExperimentStatus;
  winner_variant_id: string | null;
  started_at: string;
  stopped_at: string | null;
  variants: Variant[];
}

export interface NewExperiment {
  persona_id: string;
  name: string;
  variants: Array<Omit<Variant, 'id'>>;
}

export interface ExperimentFilters {
  persona_id?: string;
  status?: ExperimentStatus;
}

/** A variant's figures; null where there is nothing to divide by yet. */
export interface VariantResult {
  variant_id: string;
  name: string;
  weight: number;
  winner: boolean;
  sessions: number;
  messages: number;
  messages_per_session: number | null;
  votes_up: number;
  votes_down: number;
  thumbs_up_share: number | null;
  /** The share's 95 % interval. */
  thumbs_up_interval: { low: number; high: number } | null;
  regenerate_rate: number | null;
  error_rate: number | null;
  input_tokens: number;
  output_tokens: number;
  tokens_per_session: number | null;
  cost_usd: number;
  cost_per_session_usd: number | null;
  first_token_ms: { p50: number | null; p95: number | null };
}

export interface ExperimentResults {
  experiment: Experiment;
  /** When the server last added up the replies (the votes are live); null before it first did. */
  figures_as_of: string | null;
  variants: VariantResult[];
}
