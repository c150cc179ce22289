/**
 * Timing a read, and checking what it returned outside the timed span: an empty page would
 * look fast, so every answer timed must hold the messages expected.
 */
import type { QueryResult } from 'pg';

/** Runs `run` `iterations` times, one after another; returns each run's milliseconds. */
export async function timed<T>(
  iterations: number,
  run: () => Promise<T>,
  check?: (result: T) => void,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    const result = await run();
    samples.push(performance.now() - start);
    check?.(result);
  }
  return samples;
}

/** An HTTP page of messages (the body text) with `count` messages and that `has_more`. */
export function expectMessagePage(label: string, count: number, hasMore: boolean) {
  return (text: string): void => {
    const body = JSON.parse(text) as { data?: unknown[]; has_more?: boolean };
    if (body.data?.length !== count || body.has_more !== hasMore) {
      throw new Error(
        `${label}: expected ${count} messages (has_more ${hasMore}), got ${text.slice(0, 200)}`,
      );
    }
  };
}

/** An HTTP page of sessions (the body text) with `count` sessions. */
export function expectSessionPage(label: string, count: number) {
  return (text: string): void => {
    const body = JSON.parse(text) as { data?: unknown[] };
    if (body.data?.length !== count) {
      throw new Error(`${label}: expected ${count} sessions, got ${text.slice(0, 200)}`);
    }
  };
}

/** A query result with `count` rows. */
export function expectRows(label: string, count: number) {
  return (result: QueryResult): void => {
    if (result.rows.length !== count) {
      throw new Error(`${label}: expected ${count} rows, got ${result.rows.length}`);
    }
  };
}
