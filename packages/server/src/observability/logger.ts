import cluster from 'node:cluster';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { redactSecrets } from './redact-secrets.js';

export type { Logger };

/** `pretty`: one coloured line per event, for a person at a terminal; `json`: one object per line. */
export type LogFormat = 'pretty' | 'json';

export interface LoggerOptions {
  level: string;
  /** Unset: pretty when standard output is a terminal outside production, JSON otherwise. */
  format?: LogFormat | undefined;
  isProduction?: boolean;
  /** Where JSON lines go (standard output by default). */
  destination?: DestinationStream;
}

/** An error's own text may quote what it was sent (an upstream body, a URL with a key in it). */
function redactedError(error: Error): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of ['message', 'stack']) {
    if (typeof serialized[field] === 'string') serialized[field] = redactSecrets(serialized[field]);
  }
  return serialized;
}

/** Message content and credentials are never logged: only ids, sizes and timings. */
export function createLogger(options: LoggerOptions | string): Logger {
  const settingsGiven: LoggerOptions = typeof options === 'string' ? { level: options } : options;
  const { level, format, isProduction = false, destination } = settingsGiven;
  const settings = {
    level,
    // One of WEB_CONCURRENCY processes says which.
    base: { service: 'repruv-server', ...(cluster.isWorker ? { pid: process.pid } : {}) },
    serializers: { err: redactedError },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.token', '*.content'],
      remove: true,
    },
  };
  const chosen = format ?? (process.stdout.isTTY && !isProduction ? 'pretty' : 'json');
  if (chosen === 'json') return destination ? pino(settings, destination) : pino(settings);
  return pino(
    settings,
    PinoPretty({ ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss.l', sync: true }),
  );
}
