#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { createRepruvServer } from './server.js';
import { widgetRoutes } from './http/routes/widget.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createRepruvServer(config, {
    extraRoutes: ({ config: c }) => [widgetRoutes(c)],
  });
  const url = await server.listen();
  server.logger.info({ url }, `Repruv Assistant is listening on ${url}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'draining open replies, then exiting');
    server
      .close({ drainMs: config.shutdownDrainMs })
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Repruv server failed to start:', error);
  }
  process.exit(1);
});
