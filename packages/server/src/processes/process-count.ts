import { availableParallelism } from 'node:os';
import { ConfigError, type Config } from '../config.js';

/**
 * How many server processes to run on the port (WEB_CONCURRENCY). More than one needs what they
 * can share: PostgreSQL (the embedded PGlite belongs to one process) and Redis (where rate limits,
 * budgets and stream caps are counted, so that N processes do not each allow the whole of them).
 * Unset: one per core in production when both are configured, otherwise one.
 */
export function serverProcessCount(config: Config, cores = availableParallelism()): number {
  const asked = config.webConcurrency;
  if (asked > 1) {
    if (!config.database.url) {
      throw new ConfigError(
        `WEB_CONCURRENCY=${asked} needs DATABASE_URL: the embedded database (PGlite) belongs to one process.\n` +
          'Set DATABASE_URL to a PostgreSQL server, or leave WEB_CONCURRENCY unset for one process.',
      );
    }
    if (!config.redisUrl) {
      throw new ConfigError(
        `WEB_CONCURRENCY=${asked} needs REDIS_URL: the processes count rate limits, budgets and open streams there.\n` +
          'Without it each process would allow the whole of every limit. Set REDIS_URL, or leave WEB_CONCURRENCY unset.',
      );
    }
    return asked;
  }
  if (asked === 1) return 1;
  return config.isProduction && config.database.url && config.redisUrl ? cores : 1;
}
