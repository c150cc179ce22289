import type { Database } from '../db/connect.js';
import { InvalidRequestError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { DEFAULT_MODE, fallbackPrompt } from '../llm/system-prompts.js';
import type { PersonaChoice } from './persona-choice.js';
import type { ExperimentWithVariants, PersonaRow, VariantRow } from './persona-records.js';
import { assignVariant } from './variant-assignment.js';

/** How often an instance reads the personas again, so that another instance's edit reaches it. */
export const PERSONA_REFRESH_MS = 5000;

export interface ChoiceRequest {
  siteId: string | undefined;
  mode: string;
  userId: string;
}

interface Snapshot {
  /** `${site id or ''}\n${mode}` → persona. */
  byMode: Map<string, PersonaRow>;
  /** persona id → its running experiment. */
  running: Map<string, ExperimentWithVariants>;
}

const keyOf = (siteId: string | null | undefined, mode: string) => `${siteId ?? ''}\n${mode}`;

/**
 * The personas and running experiments, held in memory so that a send chooses its persona without
 * a query: read at start-up, again after every change made through this process, and every few
 * seconds for changes made through another.
 */
export class PersonaCatalog {
  private snapshot: Snapshot = { byMode: new Map(), running: new Map() };
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger?: Logger,
  ) {}

  /**
   * Reads everything again, after any read still running: a change committed before the call is
   * in what it reads. A failed read rejects this call only.
   */
  async load(): Promise<void> {
    const next = (this.loading ?? Promise.resolve()).then(() => this.read());
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.loading = settled;
    void settled.then(() => {
      if (this.loading === settled) this.loading = undefined;
    });
    await next;
  }

  start(intervalMs = PERSONA_REFRESH_MS): void {
    this.timer = setInterval(() => {
      this.load().catch((error: unknown) =>
        this.logger?.error({ err: error }, 'reading the personas failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * The persona of a session's mode for a site (the site's own, else the global one; a mode whose
   * persona was removed: "general", the same way), and the variant this user keeps when it runs an
   * experiment.
   */
  choose(request: ChoiceRequest): PersonaChoice {
    const persona =
      this.find(request.siteId, request.mode) ?? this.find(request.siteId, DEFAULT_MODE);
    if (!persona) return fallbackChoice(request.mode);
    const experiment = this.snapshot.running.get(persona.id);
    const variant: VariantRow | undefined =
      experiment && assignVariant(experiment.id, request.userId, experiment.variants);
    return {
      personaId: persona.id,
      experimentId: experiment?.id ?? null,
      variantId: variant?.id ?? null,
      system: variant?.system_prompt ?? persona.system_prompt,
      model: persona.model,
      temperature: persona.temperature,
      maxTokens: persona.max_tokens,
    };
  }

  /** The modes a session of this site may name: the global ones and the site's own. */
  modesFor(siteId: string | null | undefined): string[] {
    const modes = new Set<string>();
    for (const persona of this.snapshot.byMode.values()) {
      if (persona.site_id === null || persona.site_id === siteId) modes.add(persona.mode);
    }
    return [...modes].sort();
  }

  /** 400 on `field` unless the mode names a persona this site's sessions may use. */
  requireMode(siteId: string | null | undefined, mode: string, field = 'mode'): void {
    if (this.find(siteId, mode)) return;
    throw new InvalidRequestError(
      `Invalid body: ${field}: must be one of: ${this.modesFor(siteId).join(', ')}`,
      { field, issues: [{ field, problem: `no persona has mode "${mode}"` }] },
    );
  }

  private find(siteId: string | null | undefined, mode: string): PersonaRow | undefined {
    const { byMode } = this.snapshot;
    return (siteId ? byMode.get(keyOf(siteId, mode)) : undefined) ?? byMode.get(keyOf(null, mode));
  }

  private async read(): Promise<void> {
    const [personas, experiments, variants] = await Promise.all([
      this.db<PersonaRow>('ai_personas').select('*'),
      this.db<ExperimentWithVariants>('prompt_experiments').where({ status: 'running' }),
      this.db<VariantRow>('prompt_variants')
        .whereIn(
          'experiment_id',
          this.db('prompt_experiments').select('id').where({ status: 'running' }),
        )
        .orderBy('position'),
    ]);
    const byMode = new Map(personas.map((row) => [keyOf(row.site_id, row.mode), row]));
    const running = new Map<string, ExperimentWithVariants>();
    for (const experiment of experiments) {
      const own = variants.filter((variant) => variant.experiment_id === experiment.id);
      // Read between an experiment's insert and its variants' (another instance): not yet running.
      if (own.length >= 2) running.set(experiment.persona_id, { ...experiment, variants: own });
    }
    this.snapshot = { byMode, running };
  }
}

/** Before the first read (or with no personas at all): the built-in prompts, as before personas. */
function fallbackChoice(mode: string): PersonaChoice {
  return {
    personaId: null,
    experimentId: null,
    variantId: null,
    system: fallbackPrompt(mode),
    model: null,
    temperature: null,
    maxTokens: null,
  };
}
