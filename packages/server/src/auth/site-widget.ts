import { z } from 'zod';

/** The widget's look for one site, set in the console; every field optional (unset: the widget's own). */
export interface SiteWidget {
  title?: string;
  /** `#rrggbb`: header, user bubbles, buttons, launcher. */
  primary_color?: string;
  /** `#rrggbb`: assistant bubbles. */
  accent_color?: string;
  quick_prompts?: string[];
}

export const MAX_QUICK_PROMPTS = 6;
const color = z
  .string({ message: 'must be a string' })
  .regex(/^#[0-9a-f]{6}$/i, 'must be a colour such as #4338ca')
  .transform((value) => value.toLowerCase());

export const siteWidgetSchema = z.strictObject({
  title: z
    .string({ message: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(60, 'must be at most 60 characters')
    .optional(),
  primary_color: color.optional(),
  accent_color: color.optional(),
  quick_prompts: z
    .array(
      z
        .string({ message: 'must be a string' })
        .trim()
        .min(1, 'must not be empty')
        .max(120, 'must be at most 120 characters'),
      { message: 'must be a list of strings' },
    )
    .max(MAX_QUICK_PROMPTS, `must have at most ${MAX_QUICK_PROMPTS} prompts`)
    .optional(),
}) satisfies z.ZodType<SiteWidget>;
