/** Which persona (and experiment variant) writes a reply, and what that means for the call. */
export interface PersonaChoice {
  personaId: string | null;
  experimentId: string | null;
  variantId: string | null;
  /** The persona's prompt, or its variant's while an experiment runs. */
  system: string;
  /** Null: CLAUDE_MODEL (or a site's fallback model once its budget is spent). */
  model: string | null;
  temperature: number | null;
  maxTokens: number | null;
}
