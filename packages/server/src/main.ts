#!/usr/bin/env node
import cluster from 'node:cluster';
import { announceDemoOperator } from './admin/demo-operator.js';
import { DEV_SITE_KEY } from './auth/site-registry.js';
import { loadConfig, type Config } from './config.js';
import { DEMO_DAYS, seedDemoTraffic } from './demo/demo-traffic.js';
import { createRepruvServer, type RepruvServer } from './server.js';
import { widgetRoutes } from './http/routes/widget.js';
import { createLogger } from './observability/logger.js';
import { serverProcessCount } from './processes/process-count.js';
import { runPrimary } from './processes/primary.js';
import { isOperatorFixable } from './startup-errors.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const processes = cluster.isPrimary ? serverProcessCount(config) : 1;
  if (processes > 1) {
    const logger = createLogger({
      level: config.logLevel,
      format: config.logFormat,
      isProduction: config.isProduction,
    });
    process.exit(await runPrimary(processes, logger, { port: config.port, host: config.host }));
  }
  await serve(config);
}

/** One server process: the whole server when alone, or one of WEB_CONCURRENCY. */
async function serve(config: Config): Promise<void> {
  const server = await createRepruvServer(config, {
    extraRoutes: ({ config: c }) => [widgetRoutes(c)],
  });
  const url = await listenOrClose(server);
  if (config.demoData || process.argv.includes('--demo-data')) await addDemoTraffic(server);
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

/** `--demo-data`: 30 days of synthetic traffic on the development site, once per database. */
async function addDemoTraffic(server: RepruvServer): Promise<void> {
  if (server.config.isProduction) {
    server.logger.warn(
      '--demo-data is ignored in production: it would mix made-up traffic with real.',
    );
    return;
  }
  const site = await server.sites.findByKey(DEV_SITE_KEY);
  if (!site) return;
  if (await seedDemoTraffic(server.db, site.id)) {
    await server.usageRollups.runOnce();
    server.logger.info(
      `Added ${DEMO_DAYS} days of demo traffic for the console (site ${DEV_SITE_KEY}).`,
    );
  }
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
