import { ConfigError } from './config.js';
import { EmbeddedDatabaseBusyError } from './db/embedded-lock.js';

/** The port asked for is taken by another process. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Port ${port} is already in use (another Repruv server, or another program).\n` +
        `Stop that process, or choose another port with PORT, e.g. PORT=${port + 1} npm start.`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * A start-up failure a person can fix from its message alone (a setting, a port, a busy folder):
 * printed as it is, without a stack trace.
 */
export function isOperatorFixable(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof EmbeddedDatabaseBusyError ||
    error instanceof PortInUseError
  );
}
