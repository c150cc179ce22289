#!/usr/bin/env node
import { announceDemoOperator } from './admin/demo-operator.js';
import { loadConfig } from './config.js';
import { createRepruvServer, type RepruvServer } from './server.js';
import { widgetRoutes } from './http/routes/widget.js';
import { isOperatorFixable } from './startup-errors.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createRepruvServer(config, {
    extraRoutes: ({ config: c }) => [widgetRoutes(c)],
  });
  const url = await listenOrClose(server);
  // Before "listening": whoever waits for that line finds the console's sign-in above it.
  if (!config.isProduction) {
    await announceDemoOperator(server.db, `${url}/admin`, server.logger).catch((error: unknown) =>
      server.logger.warn({ err: error }, 'could not prepare the demo operator'),
    );
  }
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

/** A server that cannot listen closes its database (and frees its folder) before main reports why. */
async function listenOrClose(server: RepruvServer): Promise<string> {
  try {
    return await server.listen();
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (isOperatorFixable(error)) {
    console.error(error.message);
  } else {
    console.error('Repruv server failed to start:', error);
  }
  process.exit(1);
});
