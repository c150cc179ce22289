import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { estimateCostUsd, PriceList, publishedPrice } from './pricing.js';

const MILLION = 1_000_000;

function sdkModels(): string[] {
  const sdkEntry = createRequire(import.meta.url).resolve('@anthropic-ai/sdk');
  const types = readFileSync(join(dirname(sdkEntry), 'resources/messages/messages.d.ts'), 'utf8');
  return [.../export type Model = ([^;]+);/.exec(types)![1]!.matchAll(/'([^']+)'/g)].map(
    (match) => match[1]!,
  );
}

test('every model of the pinned SDK has its published price', () => {
  const unpriced = sdkModels().filter((model) => !publishedPrice(model));
  expect(unpriced).toEqual([]);
});

test('the default Sonnet, a dated snapshot, and an alias that only shares a prefix', () => {
  expect(estimateCostUsd('claude-sonnet-5-5', MILLION, MILLION)).toBe(12);
  expect(estimateCostUsd('claude-haiku-4-5-20251001', MILLION, MILLION)).toBe(6);
  expect(estimateCostUsd('claude-opus-5', MILLION, MILLION)).toBe(30);
  expect(estimateCostUsd('claude-opus-5-5', MILLION, MILLION)).toBe(24);
});

test('older models keep their family’s price; the demo is free', () => {
  expect(estimateCostUsd('claude-3-5-sonnet-latest', MILLION, MILLION)).toBe(18);
  expect(estimateCostUsd('claude-opus-4-1', MILLION, MILLION)).toBe(90);
  expect(estimateCostUsd('claude-3-5-haiku-latest', MILLION, MILLION)).toBe(4.8);
  expect(estimateCostUsd('demo', 100, 100)).toBe(0);
});

test('operators’ prices win over the published ones, for the model and its dated snapshots', () => {
  const prices = new PriceList({
    'claude-sonnet-5-5': { input: 1, output: 2 },
    'acme-large': { input: 0.5, output: 0.5 },
  });
  expect(prices.costUsd('claude-sonnet-5-5', MILLION, MILLION)).toBe(3);
  expect(prices.costUsd('claude-sonnet-5-5-20260101', MILLION, MILLION)).toBe(3);
  expect(prices.costUsd('acme-large', MILLION, MILLION)).toBe(1);
  // What the operator did not name keeps its published price.
  expect(prices.costUsd('claude-opus-5', MILLION, MILLION)).toBe(30);
  expect(prices.costUsd('claude-haiku-4-5', 1, 0)).toBe(0.000001);
});
