/** Personas and prompt experiments as `/api/v1/admin/personas` and `/experiments` give them (docs/openapi.yaml). */
import type { Schemas } from './api-schemas.js';

export type Persona = Schemas['Persona'];

/** What an operator sets on a persona; null: the server's default. */
export type PersonaFields = Pick<
  Persona,
  'name' | 'description' | 'system_prompt' | 'model' | 'temperature' | 'max_tokens'
>;

export type NewPersona = PersonaFields & Pick<Persona, 'site_id' | 'mode'>;

/** The mode and the site stay as they are: sessions name the mode. */
export type PersonaChanges = Schemas['PersonaUpdate'];

export type Variant = Schemas['ExperimentVariant'];
export type Experiment = Schemas['Experiment'];
export type ExperimentStatus = Experiment['status'];
export type NewExperiment = Schemas['ExperimentCreate'];

export interface ExperimentFilters {
  persona_id?: string;
  status?: ExperimentStatus;
}

/** A variant's figures; null where there is nothing to divide by yet. */
export type VariantResult = Schemas['VariantResult'];
export type ExperimentResults = Schemas['ExperimentResults'];
