/** A row of `ai_personas`: what a session's `mode` names, globally or for one site. */
export interface PersonaRow {
  id: string;
  /** Null: every site's, unless a site has its own persona of the same mode. */
  site_id: string | null;
  mode: string;
  name: string;
  description: string;
  system_prompt: string;
  /** Null: CLAUDE_MODEL. */
  model: string | null;
  /** Null: the server's default temperature. */
  temperature: number | null;
  /** Null: CLAUDE_MAX_TOKENS. */
  max_tokens: number | null;
  /** One of the modes the server started with (general, ideas, strategy, writing): kept, never removed. */
  built_in: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

export type ExperimentStatus = 'running' | 'stopped';

export interface ExperimentRow {
  id: string;
  persona_id: string;
  name: string;
  status: ExperimentStatus;
  winner_variant_id: string | null;
  started_at: Date | string;
  stopped_at: Date | string | null;
}

export interface VariantRow {
  id: string;
  experiment_id: string;
  position: number;
  name: string;
  system_prompt: string;
  weight: number;
}

export interface ExperimentWithVariants extends ExperimentRow {
  variants: VariantRow[];
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** A persona as `/admin/personas` shows it. */
export function toPersonaDto(row: PersonaRow, runningExperimentId: string | null) {
  return {
    id: row.id,
    site_id: row.site_id,
    mode: row.mode,
    name: row.name,
    description: row.description,
    system_prompt: row.system_prompt,
    model: row.model,
    temperature: row.temperature,
    max_tokens: row.max_tokens,
    built_in: row.built_in,
    running_experiment_id: runningExperimentId,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export type PersonaDto = ReturnType<typeof toPersonaDto>;

/** An experiment as `/admin/experiments` shows it, its variants in order. */
export function toExperimentDto(experiment: ExperimentWithVariants) {
  return {
    id: experiment.id,
    persona_id: experiment.persona_id,
    name: experiment.name,
    status: experiment.status,
    winner_variant_id: experiment.winner_variant_id,
    started_at: iso(experiment.started_at),
    stopped_at: experiment.stopped_at === null ? null : iso(experiment.stopped_at),
    variants: experiment.variants.map((variant) => ({
      id: variant.id,
      name: variant.name,
      system_prompt: variant.system_prompt,
      weight: variant.weight,
    })),
  };
}

export type ExperimentDto = ReturnType<typeof toExperimentDto>;
