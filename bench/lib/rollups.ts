/**
 * The server's own minute job (analytics/usage-rollups.ts), run from the bench after a seed, so
 * that the server's next run has only the latest days to rebuild and nothing it does in the
 * background is timed beside the reads of a section.
 */
import { UsageRollups } from '../../packages/server/src/analytics/usage-rollups.js';
import { connectDatabase, type Database } from '../../packages/server/src/db/connect.js';
import { createLogger } from '../../packages/server/src/observability/logger.js';

export interface TimedRun {
  ms: number;
  questionsLeft: boolean;
}

/** The job of `db`'s server, run from here; `timedRun` waits while the server's own holds the lock. */
export function benchRollups(db: Database): { timedRun: () => Promise<TimedRun> } {
  const rollups = new UsageRollups(db, createLogger('warn'));
  return {
    async timedRun() {
      for (;;) {
        const begin = performance.now();
        const run = await rollups.runOnce();
        if (run.ran) return { ms: performance.now() - begin, questionsLeft: run.questionsLeft };
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

/** Runs the job until it has nothing left to file: the state of a server that kept up. */
export async function catchUpRollups(databaseUrl: string): Promise<void> {
  const db = connectDatabase({ url: databaseUrl, pgliteDir: '' });
  try {
    const { timedRun } = benchRollups(db);
    while ((await timedRun()).questionsLeft);
  } finally {
    await db.destroy();
  }
}
