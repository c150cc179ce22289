import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { uniqueViolation } from '../db/errors.js';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors.js';
import type { PersonaCatalog } from './persona-catalog.js';
import {
  toExperimentDto,
  type ExperimentDto,
  type ExperimentRow,
  type ExperimentStatus,
  type VariantRow,
} from './persona-records.js';

export interface NewExperiment {
  persona_id: string;
  name: string;
  variants: Array<{ name: string; system_prompt: string; weight: number }>;
}

export interface ExperimentFilter {
  personaId?: string | undefined;
  status?: ExperimentStatus | undefined;
}

/**
 * Prompt experiments behind `/admin/experiments`: started when created, one running per persona;
 * stopped (the persona's own prompt answers again), or stopped by promoting a variant, whose prompt
 * then becomes the persona's. Variants never change once it runs: their results stay comparable.
 */
export class ExperimentStore {
  constructor(
    private readonly db: Database,
    private readonly catalog: PersonaCatalog,
  ) {}

  async list(filter: ExperimentFilter): Promise<ExperimentDto[]> {
    const query = this.db<ExperimentRow>('prompt_experiments').orderBy('started_at', 'desc');
    if (filter.personaId) query.where({ persona_id: filter.personaId });
    if (filter.status) query.where({ status: filter.status });
    return this.withVariants(await query.limit(500));
  }

  async get(id: string): Promise<ExperimentDto> {
    const row = await this.db<ExperimentRow>('prompt_experiments').where({ id }).first();
    if (!row) throw new NotFoundError('Experiment');
    return (await this.withVariants([row]))[0]!;
  }

  /** 404 for an unknown persona, 409 while the persona runs another experiment. */
  async create(experiment: NewExperiment): Promise<ExperimentDto> {
    const id = randomUUID();
    await this.db
      .transaction(async (trx) => {
        const persona = await trx('ai_personas')
          .where({ id: experiment.persona_id })
          .forUpdate()
          .first('id');
        if (!persona) throw new NotFoundError('Persona');
        await trx('prompt_experiments').insert({
          id,
          persona_id: experiment.persona_id,
          name: experiment.name,
          status: 'running',
        });
        await trx('prompt_variants').insert(
          experiment.variants.map((variant, position) => ({
            id: randomUUID(),
            experiment_id: id,
            position,
            ...variant,
          })),
        );
      })
      .catch((error: unknown) => {
        if (uniqueViolation(error) === 'prompt_experiments_one_running') {
          throw new ConflictError(
            'This persona already runs an experiment; stop it (or promote a variant) first.',
          );
        }
        throw error;
      });
    await this.catalog.load();
    return this.get(id);
  }

  /** running → stopped; 409 when it was stopped already. */
  async stop(id: string): Promise<ExperimentDto> {
    const stopped = await this.db('prompt_experiments')
      .where({ id, status: 'running' })
      .update({ status: 'stopped', stopped_at: new Date() })
      .returning('id');
    if (stopped.length === 0) {
      await this.get(id); // 404 first
      throw new ConflictError('This experiment was stopped already.');
    }
    await this.catalog.load();
    return this.get(id);
  }

  /**
   * The variant's prompt becomes the persona's, and the experiment stops with it as the winner;
   * a stopped experiment may still be promoted from, once. 400 when the variant is not the
   * experiment's, 409 when a variant was promoted already.
   */
  async promote(id: string, variantId: string): Promise<ExperimentDto> {
    await this.db.transaction(async (trx) => {
      const experiment = await trx<ExperimentRow>('prompt_experiments')
        .where({ id })
        .forUpdate()
        .first();
      if (!experiment) throw new NotFoundError('Experiment');
      if (experiment.winner_variant_id) {
        throw new ConflictError('A variant of this experiment was promoted already.');
      }
      const variant = await trx<VariantRow>('prompt_variants')
        .where({ id: variantId, experiment_id: id })
        .first();
      if (!variant) {
        throw new InvalidRequestError('`variant_id` is not a variant of this experiment.', {
          field: 'variant_id',
        });
      }
      await trx('ai_personas')
        .where({ id: experiment.persona_id })
        .update({ system_prompt: variant.system_prompt, updated_at: new Date() });
      await trx('prompt_experiments')
        .where({ id })
        .update({
          status: 'stopped',
          winner_variant_id: variantId,
          stopped_at: experiment.stopped_at ?? new Date(),
        });
    });
    await this.catalog.load();
    return this.get(id);
  }

  private async withVariants(rows: ExperimentRow[]): Promise<ExperimentDto[]> {
    if (rows.length === 0) return [];
    const variants = await this.db<VariantRow>('prompt_variants')
      .whereIn(
        'experiment_id',
        rows.map((row) => row.id),
      )
      .orderBy('position');
    return rows.map((row) =>
      toExperimentDto({
        ...row,
        variants: variants.filter((variant) => variant.experiment_id === row.id),
      }),
    );
  }
}
