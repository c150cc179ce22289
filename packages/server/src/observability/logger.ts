import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs. Message content and credentials are never logged: only ids, sizes and timings. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'repruv-server' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.token', '*.content'],
      remove: true,
    },
  });
}
