export interface Price {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
}

/**
 * Anthropic's published prices of the models in the pinned SDK's list, by model id prefix (the
 * longest wins), so that a dated snapshot (claude-haiku-4-5-20251001) is priced as its alias.
 */
const MODEL_PRICES: Record<string, Price> = {
  'claude-fable-5-2': { input: 8, output: 40 },
  'claude-mythos-5-2': { input: 8, output: 40 }, // as Fable 5.2: each Mythos so far costs its Fable
  'claude-fable-5-1': { input: 10, output: 50 },
  'claude-mythos-5-1': { input: 10, output: 50 },
  'claude-fable-5': { input: 10, output: 50 },
  'claude-mythos-5': { input: 10, output: 50 },
  'claude-mythos-preview': { input: 25, output: 125 },
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-opus-4-8': { input: 5, output: 25 },
  'claude-opus-4-7': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-sonnet-5-5': { input: 2, output: 10 },
  'claude-sonnet-5': { input: 2, output: 10 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5 }, // the band for prompts up to 100K tokens
  'claude-haiku-4-5': { input: 1, output: 5 },
};

/** Older or unknown models, by family; anything else is costed as Sonnet. */
const FAMILY_PRICES: Record<string, Price> = {
  sonnet: { input: 3, output: 15 },
  opus: { input: 15, output: 75 },
  haiku: { input: 0.8, output: 4 },
  demo: { input: 0, output: 0 },
};

/** Operators' own prices (CLAUDE_PRICES), by model id or prefix, as the published table is read. */
export type PriceOverrides = Record<string, Price>;

/** The id in `table` that prices `model`: itself, or the longest id it is a dated snapshot of. */
function longestPrefix(table: Record<string, Price>, model: string): string | undefined {
  return Object.keys(table)
    .filter((id) => model === id || model.startsWith(`${id}-`))
    .sort((a, b) => b.length - a.length)[0];
}

/** The published price of `model`, undefined for a model priced by its family. */
export function publishedPrice(model: string): Price | undefined {
  const prefix = longestPrefix(MODEL_PRICES, model);
  return prefix ? MODEL_PRICES[prefix] : undefined;
}

/**
 * What a call costs: the operators' prices first (CLAUDE_PRICES: a new model, or a price that
 * changed before this table did), then Anthropic's published ones, then the model's family.
 */
export class PriceList {
  constructor(private readonly overrides: PriceOverrides = {}) {}

  priceOf(model: string): Price {
    const overridden = longestPrefix(this.overrides, model);
    if (overridden) return this.overrides[overridden]!;
    const published = publishedPrice(model);
    if (published) return published;
    const family = Object.keys(FAMILY_PRICES).find((name) => model.includes(name));
    return FAMILY_PRICES[family ?? 'sonnet']!;
  }

  /** US dollars, rounded to the ledger's millionths. */
  costUsd(model: string, inputTokens: number, outputTokens: number): number {
    const price = this.priceOf(model);
    const cost = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
    return Math.round(cost * 1_000_000) / 1_000_000;
  }
}

const PUBLISHED = new PriceList();

/** The cost at the published prices (no operator overrides). */
export function estimateCostUsd(model: string, inputTokens: number, outputTokens: number): number {
  return PUBLISHED.costUsd(model, inputTokens, outputTokens);
}
