/** USD per million tokens, input and output; unknown models are costed as Sonnet. */
const PRICE_PER_MILLION: Record<string, { input: number; output: number }> = {
  sonnet: { input: 3, output: 15 },
  opus: { input: 15, output: 75 },
  haiku: { input: 0.8, output: 4 },
  demo: { input: 0, output: 0 },
};

function priceFor(model: string): { input: number; output: number } {
  const family = Object.keys(PRICE_PER_MILLION).find((name) => model.includes(name));
  return PRICE_PER_MILLION[family ?? 'sonnet']!;
}

export function estimateCostUsd(model: string, inputTokens: number, outputTokens: number): number {
  const price = priceFor(model);
  const cost = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
