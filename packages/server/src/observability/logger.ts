import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

/** `pretty`: one coloured line per event, for a person at a terminal; `json`: one object per line. */
export type LogFormat = 'pretty' | 'json';

export interface LoggerOptions {
  level: string;
  /** Unset: pretty when standard output is a terminal outside production, JSON otherwise. */
  format?: LogFormat | undefined;
  isProduction?: boolean;
}

/** Message content and credentials are never logged: only ids, sizes and timings. */
export function createLogger(options: LoggerOptions | string): Logger {
  const {
    level,
    format,
    isProduction = false,
  } = typeof options === 'string' ? { level: options } : options;
  const settings = {
    level,
    base: { service: 'repruv-server' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.token', '*.content'],
      remove: true,
    },
  };
  const chosen = format ?? (process.stdout.isTTY && !isProduction ? 'pretty' : 'json');
  if (chosen === 'json') return pino(settings);
  return pino(
    settings,
    PinoPretty({ ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss.l', sync: true }),
  );
}
