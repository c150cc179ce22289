import { z } from 'zod';
import { normalizeOrigin } from '../../../auth/site-registry.js';
import { siteWidgetSchema } from '../../../auth/site-widget.js';
import { MAX_DAILY_BUDGET_USD, MODEL_ID } from '../../../auth/site-settings.js';
import { mode } from '../../schemas.js';

export const MAX_SITE_ORIGINS = 50;

function isOrigin(value: string): boolean {
  try {
    normalizeOrigin(value);
    return true;
  } catch {
    return false;
  }
}

const origin = z
  .string({ message: 'must be a string' })
  .max(200, 'must be at most 200 characters')
  .refine(
    isOrigin,
    'must be an origin such as https://example.com (http://localhost:* for any port)',
  );

const fields = {
  name: z
    .string({ message: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
  origins: z
    .array(origin, { message: 'must be a list of origins' })
    .min(1, 'must name at least one origin')
    .max(MAX_SITE_ORIGINS, `must have at most ${MAX_SITE_ORIGINS} origins`),
  challenge: z.enum(['off', 'on'], { message: 'must be "off" or "on"' }),
  identity: z.enum(['optional', 'required'], { message: 'must be "optional" or "required"' }),
  daily_budget_usd: z
    .number({ message: 'must be a number of US dollars, or null' })
    .min(0, 'must not be negative')
    .lt(MAX_DAILY_BUDGET_USD, 'must be under 100,000,000')
    .nullable(),
  fallback_model: z
    .string({ message: 'must be a string, or null' })
    .regex(MODEL_ID, 'must be a Claude model id such as claude-haiku-4-5')
    .nullable(),
  widget: siteWidgetSchema,
  default_mode: mode.nullable(),
};

/** The settings a new site may be given and a site's edit may change. */
const settings = {
  challenge: fields.challenge.optional(),
  identity: fields.identity.optional(),
  daily_budget_usd: fields.daily_budget_usd.optional(),
  fallback_model: fields.fallback_model.optional(),
  widget: fields.widget.optional(),
  default_mode: fields.default_mode.optional(),
};

export const createSiteBody = z.strictObject({
  name: fields.name,
  origins: fields.origins,
  ...settings,
});

export const updateSiteBody = z
  .strictObject({
    name: fields.name.optional(),
    origins: fields.origins.optional(),
    ...settings,
    disabled: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });

type SiteBody = z.output<typeof updateSiteBody>;

/** The body's fields, as SiteRegistry's changes. */
export function siteChanges(body: SiteBody) {
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.origins !== undefined && { origins: body.origins }),
    ...(body.challenge !== undefined && { challenge: body.challenge }),
    ...(body.identity !== undefined && { identity: body.identity }),
    ...(body.daily_budget_usd !== undefined && { dailyBudgetUsd: body.daily_budget_usd }),
    ...(body.fallback_model !== undefined && { fallbackModel: body.fallback_model }),
    ...(body.widget !== undefined && { widget: body.widget }),
    ...(body.default_mode !== undefined && { defaultMode: body.default_mode }),
    ...(body.disabled !== undefined && { disabled: body.disabled }),
  };
}
