import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { foreignKeyViolation, uniqueViolation } from '../db/errors.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { PersonaCatalog } from './persona-catalog.js';
import { toPersonaDto, type PersonaDto, type PersonaRow } from './persona-records.js';

/** What an operator sets of a persona; absent fields stay as they are. */
export interface PersonaFields {
  name?: string;
  description?: string;
  system_prompt?: string;
  model?: string | null;
  temperature?: number | null;
  max_tokens?: number | null;
}

export interface NewPersona extends PersonaFields {
  site_id: string | null;
  mode: string;
  name: string;
  system_prompt: string;
}

/** Which personas to list: all, the global ones, or one site's own. */
export type PersonaScope = { kind: 'all' } | { kind: 'global' } | { kind: 'site'; siteId: string };

/**
 * The personas behind `/admin/personas`. Every change is read into the catalog before it is
 * answered, so that the next send through this process uses it (others within PERSONA_REFRESH_MS).
 */
export class PersonaStore {
  constructor(
    private readonly db: Database,
    private readonly catalog: PersonaCatalog,
  ) {}

  async list(scope: PersonaScope): Promise<PersonaDto[]> {
    const query = this.withRunning().orderByRaw('p.site_id NULLS FIRST, p.mode');
    if (scope.kind === 'global') query.whereNull('p.site_id');
    if (scope.kind === 'site') query.where('p.site_id', scope.siteId);
    return (await query).map(toDto);
  }

  async get(id: string): Promise<PersonaDto> {
    const row = await this.withRunning().where('p.id', id).first();
    if (!row) throw new NotFoundError('Persona');
    return toDto(row);
  }

  /** 404 for an unknown site, 409 when the site (or every site) has a persona of that mode. */
  async create(persona: NewPersona): Promise<PersonaDto> {
    const id = randomUUID();
    try {
      await this.db('ai_personas').insert({ id, ...persona });
    } catch (error) {
      if (foreignKeyViolation(error)) throw new NotFoundError('Site');
      if (uniqueViolation(error)) throw modeTaken(persona);
      throw error;
    }
    await this.catalog.load();
    return this.get(id);
  }

  async update(id: string, changes: PersonaFields): Promise<PersonaDto> {
    const updated = await this.db('ai_personas')
      .where({ id })
      .update({ ...changes, updated_at: new Date() })
      .returning('id');
    if (updated.length === 0) throw new NotFoundError('Persona');
    await this.catalog.load();
    return this.get(id);
  }

  /**
   * Removes a persona and its experiments; sessions naming its mode are answered by the global
   * persona of that mode, else "general". A built-in persona is kept (409): edit it instead.
   */
  async remove(id: string): Promise<void> {
    const row = await this.db<PersonaRow>('ai_personas').where({ id }).first();
    if (!row) throw new NotFoundError('Persona');
    if (row.built_in) {
      throw new ConflictError(
        `"${row.mode}" is a built-in persona: it cannot be removed, but it can be edited.`,
      );
    }
    await this.db('ai_personas').where({ id, built_in: false }).delete();
    await this.catalog.load();
  }

  private withRunning() {
    return this.db('ai_personas as p')
      .leftJoin('prompt_experiments as e', function running() {
        this.on('e.persona_id', 'p.id').andOnVal('e.status', 'running');
      })
      .select<Array<PersonaRow & { running_experiment_id: string | null }>>(
        'p.*',
        'e.id as running_experiment_id',
      );
  }
}

function toDto(row: PersonaRow & { running_experiment_id: string | null }): PersonaDto {
  return toPersonaDto(row, row.running_experiment_id);
}

function modeTaken(persona: NewPersona): ConflictError {
  const where = persona.site_id ? 'This site' : 'Every site';
  return new ConflictError(
    `${where} already has a persona with mode "${persona.mode}"; edit that one instead.`,
  );
}
