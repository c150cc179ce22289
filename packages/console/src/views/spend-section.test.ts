import { expect, test } from 'vitest';
import { totalsByKey } from './spend-section.js';

const day = (d: string, key: string | null, calls: number, cost: number) => ({
  day: d,
  key,
  calls,
  errors: 0,
  stopped: 0,
  input_tokens: calls * 10,
  output_tokens: calls * 2,
  cost_usd: cost,
});

test('each key’s days add up, most costly first, the host’s own (null) a key of its own', () => {
  const totals = totalsByKey([
    day('2026-12-01', 'haiku', 2, 0.01),
    day('2026-12-01', null, 1, 0.5),
    day('2026-12-02', 'haiku', 3, 0.02),
    day('2026-12-02', 'sonnet', 1, 0.2),
  ]);
  expect(totals.map((t) => [t.key, t.calls, t.input_tokens, t.output_tokens])).toEqual([
    [null, 1, 10, 2],
    ['sonnet', 1, 10, 2],
    ['haiku', 5, 50, 10],
  ]);
  expect(totals[2]!.cost_usd).toBeCloseTo(0.03, 10);
  expect(totalsByKey([])).toEqual([]);
});
