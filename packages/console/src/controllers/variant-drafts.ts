import type { NewExperiment } from '../persona-types.js';

/** A variant as the new-experiment form holds it while the operator types. */
export interface VariantDraft {
  /** Stays with the row as rows come and go. */
  key: number;
  name: string;
  /** As typed: a whole number from 1 to 100. */
  weight: string;
  system_prompt: string;
}

export type DraftField = 'name' | 'weight' | 'system_prompt';

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 5;
const NAMES = ['A', 'B', 'C', 'D', 'E'];

/** Two variants: the persona's prompt as it is, and an empty one to try against it. */
export function firstDrafts(currentPrompt: string): VariantDraft[] {
  return [
    { key: 0, name: 'A', weight: '50', system_prompt: currentPrompt },
    { key: 1, name: 'B', weight: '50', system_prompt: '' },
  ];
}

export function withDraftAdded(drafts: VariantDraft[]): VariantDraft[] {
  if (drafts.length >= MAX_VARIANTS) return drafts;
  const taken = new Set(drafts.map((draft) => draft.name));
  const name = NAMES.find((candidate) => !taken.has(candidate)) ?? `V${drafts.length + 1}`;
  const key = Math.max(...drafts.map((draft) => draft.key), -1) + 1;
  return [...drafts, { key, name, weight: '50', system_prompt: '' }];
}

export function withDraftRemoved(drafts: VariantDraft[], key: number): VariantDraft[] {
  if (drafts.length <= MIN_VARIANTS) return drafts;
  return drafts.filter((draft) => draft.key !== key);
}

export function withDraftChanged(
  drafts: VariantDraft[],
  key: number,
  field: DraftField,
  value: string,
): VariantDraft[] {
  return drafts.map((draft) => (draft.key === key ? { ...draft, [field]: value } : draft));
}

/** The drafts as `POST /admin/experiments` takes them. */
export function experimentFrom(
  personaId: string,
  name: string,
  drafts: VariantDraft[],
): NewExperiment {
  return {
    persona_id: personaId,
    name: name.trim(),
    variants: drafts.map((draft) => ({
      name: draft.name.trim(),
      system_prompt: draft.system_prompt.trim(),
      weight: Number(draft.weight),
    })),
  };
}
