import { z } from 'zod';
import { MODEL_ID } from '../../../auth/site-settings.js';
import { MODE_NAME_PATTERN, MODE_NAME_RULE } from '../../../personas/mode-name.js';
import type { PersonaFields } from '../../../personas/persona-store.js';
import { uuid } from '../../validation.js';

/** Claude's range; its largest output limit among current models. */
export const MAX_PERSONA_TOKENS = 64_000;
export const MAX_PROMPT_CHARS = 20_000;
export const MAX_VARIANTS = 5;

const text = (max: number) =>
  z.string({ message: 'must be a string' }).trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'must not be empty');

const personaFields = {
  name: required(100),
  description: text(500),
  system_prompt: required(MAX_PROMPT_CHARS),
  model: z
    .string({ message: 'must be a string, or null' })
    .regex(MODEL_ID, 'must be a Claude model id such as claude-haiku-4-5')
    .nullable(),
  temperature: z
    .number({ message: 'must be a number from 0 to 1, or null' })
    .min(0, 'must be from 0 to 1')
    .max(1, 'must be from 0 to 1')
    .nullable(),
  max_tokens: z
    .number({ message: `must be an integer from 1 to ${MAX_PERSONA_TOKENS}, or null` })
    .int(`must be an integer from 1 to ${MAX_PERSONA_TOKENS}`)
    .min(1, `must be from 1 to ${MAX_PERSONA_TOKENS}`)
    .max(MAX_PERSONA_TOKENS, `must be from 1 to ${MAX_PERSONA_TOKENS}`)
    .nullable(),
};

export const createPersonaBody = z.strictObject({
  site_id: uuid.nullable().optional(),
  mode: z.string({ message: 'must be a string' }).regex(MODE_NAME_PATTERN, MODE_NAME_RULE),
  name: personaFields.name,
  description: personaFields.description.optional(),
  system_prompt: personaFields.system_prompt,
  model: personaFields.model.optional(),
  temperature: personaFields.temperature.optional(),
  max_tokens: personaFields.max_tokens.optional(),
});

/** The mode and the site stay: sessions name the mode, and the site is what the persona is for. */
export const updatePersonaBody = z
  .strictObject({
    name: personaFields.name.optional(),
    description: personaFields.description.optional(),
    system_prompt: personaFields.system_prompt.optional(),
    model: personaFields.model.optional(),
    temperature: personaFields.temperature.optional(),
    max_tokens: personaFields.max_tokens.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });

export function personaChanges(body: z.output<typeof updatePersonaBody>): PersonaFields {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as PersonaFields;
}

export const personaListQuery = z.object({
  site_id: z
    .union([z.literal('global'), uuid], { message: 'must be a site id or "global"' })
    .optional(),
});

const variant = z.strictObject({
  name: required(60),
  system_prompt: personaFields.system_prompt,
  weight: z
    .number({ message: 'must be an integer from 1 to 100' })
    .int('must be an integer from 1 to 100')
    .min(1, 'must be from 1 to 100')
    .max(100, 'must be from 1 to 100'),
});

export const createExperimentBody = z.strictObject({
  persona_id: uuid,
  name: required(100),
  variants: z
    .array(variant, { message: 'must be a list of variants' })
    .min(2, 'must have from 2 to 5 variants')
    .max(MAX_VARIANTS, 'must have from 2 to 5 variants')
    .refine(
      (variants) => new Set(variants.map((one) => one.name)).size === variants.length,
      'variant names must differ',
    ),
});

export const experimentListQuery = z.object({
  persona_id: uuid.optional(),
  status: z.enum(['running', 'stopped'], { message: 'must be "running" or "stopped"' }).optional(),
});

export const promoteBody = z.strictObject({ variant_id: uuid });
