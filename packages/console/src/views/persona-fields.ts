import { html } from 'lit';
import type { PersonaFields } from '../persona-types.js';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const numberOrNull = (value: string) => (value === '' ? null : Number(value));
const shown = (value: number | null | undefined) => (value == null ? '' : String(value));

/** The form's persona fields as the API takes them; an empty model, temperature or limit is null. */
export function personaFieldsFrom(form: FormData): PersonaFields {
  return {
    name: text(form, 'name'),
    description: text(form, 'description'),
    system_prompt: text(form, 'system_prompt'),
    model: text(form, 'model') || null,
    temperature: numberOrNull(text(form, 'temperature')),
    max_tokens: numberOrNull(text(form, 'max_tokens')),
  };
}

/** The fields a new persona and the editor share; `idPrefix` keeps their ids apart. */
export function renderPersonaFields(idPrefix: string, persona?: PersonaFields) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return html`<label for=${id('name')}>Name</label>
    <input id=${id('name')} name="name" required maxlength="100" .value=${persona?.name ?? ''} />
    <label for=${id('description')}>Description (for operators)</label>
    <input
      id=${id('description')}
      name="description"
      maxlength="500"
      .value=${persona?.description ?? ''}
    />
    <label for=${id('system_prompt')}>System prompt</label>
    <textarea
      id=${id('system_prompt')}
      name="system_prompt"
      rows="8"
      required
      maxlength="20000"
      .value=${persona?.system_prompt ?? ''}
    ></textarea>
    <label for=${id('model')}>Model (empty: the server's default)</label>
    <input id=${id('model')} name="model" .value=${persona?.model ?? ''} />
    <label for=${id('temperature')}>Temperature, 0 to 1 (empty: the server's default)</label>
    <input
      id=${id('temperature')}
      name="temperature"
      type="number"
      min="0"
      max="1"
      step="0.01"
      .value=${shown(persona?.temperature)}
    />
    <label for=${id('max_tokens')}
      >Most tokens per reply, 1 to 64000 (empty: the server's default)</label
    >
    <input
      id=${id('max_tokens')}
      name="max_tokens"
      type="number"
      min="1"
      max="64000"
      step="1"
      .value=${shown(persona?.max_tokens)}
    />`;
}
