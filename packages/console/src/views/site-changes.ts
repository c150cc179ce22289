import type { SiteChanges, SiteWidget } from '../admin-api.js';
import { linesOf } from './sites-list.js';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * The widget's look as the form holds it, as PATCH /admin/sites/{id} takes it: what Save sends,
 * and what the preview shows before that. A colour counts only with its "Own … colour" box ticked.
 */
export function widgetFrom(form: FormData): SiteWidget {
  const widget: SiteWidget = {};
  const title = text(form, 'widget_title');
  if (title) widget.title = title;
  if (form.get('use_primary')) widget.primary_color = text(form, 'primary_color');
  if (form.get('use_accent')) widget.accent_color = text(form, 'accent_color');
  const prompts = linesOf(String(form.get('quick_prompts') ?? ''));
  if (prompts.length) widget.quick_prompts = prompts;
  return widget;
}

/** The form's fields as the changes PATCH /admin/sites/{id} takes. */
export function changesFrom(form: FormData): SiteChanges {
  const budget = text(form, 'daily_budget_usd');
  return {
    name: text(form, 'name'),
    origins: linesOf(String(form.get('origins') ?? '')),
    challenge: text(form, 'challenge') === 'on' ? 'on' : 'off',
    identity: text(form, 'identity') === 'required' ? 'required' : 'optional',
    daily_budget_usd: budget === '' ? null : Number(budget),
    fallback_model: text(form, 'fallback_model') || null,
    default_mode: text(form, 'default_mode') || null,
    disabled: form.get('disabled') === 'on',
    widget: widgetFrom(form),
  };
}
