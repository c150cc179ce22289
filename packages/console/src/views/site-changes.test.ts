import { describe, expect, it } from 'vitest';
import { changesFrom, widgetFrom } from './site-changes.js';

/** The site form's fields as the browser submits them: unticked boxes are left out. */
function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const colours = { primary_color: '#0f766e', accent_color: '#fde68a' };

describe('widgetFrom', () => {
  it('takes the title, the ticked colours and the quick prompts, one a line', () => {
    const form = formOf({
      widget_title: '  Ask the blog ',
      use_primary: 'on',
      ...colours,
      quick_prompts: 'What is new?\n\n  Best post?  \n',
    });
    expect(widgetFrom(form)).toEqual({
      title: 'Ask the blog',
      primary_color: '#0f766e',
      quick_prompts: ['What is new?', 'Best post?'],
    });
  });

  it('leaves out what is empty or unticked: the widget then keeps its own', () => {
    expect(widgetFrom(formOf({ widget_title: ' ', ...colours, quick_prompts: '\n' }))).toEqual({});
  });

  it('is the widget part of what Save sends', () => {
    const form = formOf({
      name: 'Blog',
      origins: 'https://a.example',
      use_accent: 'on',
      ...colours,
    });
    expect(changesFrom(form).widget).toEqual(widgetFrom(form));
    expect(changesFrom(form)).toMatchObject({
      name: 'Blog',
      origins: ['https://a.example'],
      challenge: 'off',
      identity: 'optional',
      daily_budget_usd: null,
      disabled: false,
      widget: { accent_color: '#fde68a' },
    });
  });
});
