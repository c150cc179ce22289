/**
 * A logarithmic scale for latency and session-length distributions: bucket b holds values from
 * 1.05^b to 1.05^(b+1), so a percentile read back from summed bucket counts is within 2.5 % of
 * the exact one, whatever the range of days and sites summed.
 */
const RATIO = 1.05;

/** The SQL expression of the bucket of a non-negative `value` (values under 1 share bucket 0). */
export function bucketSql(value: string): string {
  return `floor(ln(greatest(${value}, 1)) / ln(${RATIO}))::smallint`;
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
}

/** p50 and p95 of the values counted per bucket; null when nothing was counted. */
export function percentilesOf(counts: ReadonlyMap<number, number>): Percentiles {
  const buckets = [...counts].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  const at = (fraction: number): number | null => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(fraction * total));
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (seen >= rank) return bucketValue(bucket);
    }
    return bucketValue(buckets.at(-1)![0]);
  };
  return { p50: at(0.5), p95: at(0.95) };
}

/** A bucket's middle (geometric), rounded to whole units; bucket 0 holds 0 and 1 alike. */
function bucketValue(bucket: number): number {
  return bucket === 0 ? 1 : Math.round(RATIO ** (bucket + 0.5));
}
