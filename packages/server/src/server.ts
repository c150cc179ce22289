import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import { Redis } from 'ioredis';
import { RedisLiveRelay } from './chat/reply/live-relay.js';
import { allowedOrigins, createApp } from './app.js';
import type { AttachmentService } from './attachments/attachment-service.js';
import { createAttachments } from './attachments/create-attachments.js';
import { Budgets } from './budgets/budgets.js';
import { SiteBudgets } from './budgets/site-budgets.js';
import { createSpendTotals } from './budgets/spend-totals.js';
import { OperationalEvents } from './analytics/operational-events.js';
import { UsageRollups } from './analytics/usage-rollups.js';
import { createChat } from './chat/create-chat.js';
import type { AutoTitleMode } from './titles/session-titler.js';
import type { ReplyRegistry } from './chat/reply/registry.js';
import { GuestChallenges } from './auth/guest-challenges.js';
import { GuestMinting } from './auth/guest-minting.js';
import { GuestTokens } from './auth/guest-tokens.js';
import { GuestMintLimits } from './auth/mint-limits.js';
import { DEV_SITE_KEY, SiteRegistry } from './auth/site-registry.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { UserDirectory } from './auth/user-directory.js';
import type { Config } from './config.js';
import { connectDatabase, describeDatabase, isEmbedded, type Database } from './db/connect.js';
import { initializeEmbeddedFolder } from './db/embedded-first-start.js';
import { lockEmbeddedDatabase } from './db/embedded-lock.js';
import { createWindowCounter } from './limits/window-counter.js';
import { migrateToLatest } from './db/migrate.js';
import { AnthropicGenerator } from './llm/anthropic-generator.js';
import { createClaudeBackoff } from './llm/claude-backoff.js';
import { CircuitBreaker } from './llm/circuit-breaker.js';
import { ClaudeGateway } from './llm/claude-gateway.js';
import { DemoGenerator } from './llm/demo-generator.js';
import { ensureModelIsKnown } from './llm/model-check.js';
import { PriceList } from './llm/pricing.js';
import { ThreadedGenerator } from './llm/threaded-generator.js';
import type { ReplyGenerator } from './llm/reply-generator.js';
import { seedConfiguredModes } from './personas/seed-modes.js';
import { createLogger, type Logger } from './observability/logger.js';
import { ServerPressure } from './limits/server-pressure.js';
import { Metrics } from './observability/metrics.js';
import { PortInUseError } from './startup-errors.js';
import { capConnectionsPerAddress } from './http/connection-cap.js';
import { answerTimeoutsAsJson, requestTimeoutOptions } from './http/request-timeouts.js';
import { MINT_PATH, refuseSpentMints } from './http/refuse-spent-mints.js';
import { GuestShedding } from './http/shed-guests.js';
import type { AppState } from './http/state.js';
import { createStreamSlots } from './limits/stream-slots.js';

const RECOVERY_SWEEP_MS = 15_000;
/** At shutdown, how long stopped streams get to deliver their last event before connections are cut. */
const SHUTDOWN_FLUSH_MS = 2_000;
/** Text of recent conversations kept for early starts: about 16 MB at most. */
const CONVERSATION_CACHE_CHARS = 8_000_000;

export interface ServerOverrides {
  logger?: Logger;
  generator?: ReplyGenerator;
  extraRoutes?: (deps: { config: Config }) => Router<AppState>[];
}

export interface RepruvServer {
  readonly config: Config;
  readonly db: Database;
  readonly logger: Logger;
  readonly breaker: CircuitBreaker;
  readonly replies: ReplyRegistry;
  readonly sites: SiteRegistry;
  readonly attachments: AttachmentService;
  /** The daily usage rollups the console reads (tests run them on demand). */
  readonly usageRollups: UsageRollups;
  /** Circuit-breaker openings and budget refusals, counted for the console (tests flush them). */
  readonly operationalEvents: OperationalEvents;
  readonly app: ReturnType<typeof createApp>;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Finishes every live reply (stopped, text kept), then closes the listener and connections. */
  close(options?: { drainMs?: number }): Promise<void>;
  recoverAbandonedReplies(): Promise<number>;
}

function chooseGenerator(config: Config, logger: Logger): ReplyGenerator {
  if (config.claude.apiKey) {
    const options = {
      apiKey: config.claude.apiKey,
      baseUrl: config.claude.baseUrl,
      model: config.claude.model,
      maxTokens: config.claude.maxTokens,
      maxRetries: config.claude.maxRetries,
      idleTimeoutMs: config.claude.idleTimeoutMs,
    };
    return config.claude.ownThread
      ? new ThreadedGenerator(options, config.claude.inlineUpTo)
      : new AnthropicGenerator(options);
  }
  logger.warn('No CLAUDE_API_KEY is set: replies come from the built-in demo responder.');
  return new DemoGenerator();
}

/**
 * The key guest tokens are signed with: AUTH_JWT_SECRET, or (outside production) a random key kept in
 * the database, so guests keep their history across restarts of a development server.
 */
async function guestSecret(config: Config, db: Database, logger: Logger): Promise<Uint8Array> {
  if (config.auth.jwtSecret) return new TextEncoder().encode(config.auth.jwtSecret);
  if (config.isProduction) {
    logger.warn(
      'AUTH_JWT_SECRET is not set: guest tokens are valid on this instance only, until it restarts.',
    );
    return randomBytes(32);
  }
  await db('server_settings')
    .insert({ key: 'dev_guest_secret', value: randomBytes(32).toString('base64') })
    .onConflict('key')
    .ignore();
  const row = (await db('server_settings').where({ key: 'dev_guest_secret' }).first()) as {
    value: string;
  };
  logger.warn('AUTH_JWT_SECRET is not set: using a development signing key kept in the database.');
  return Buffer.from(row.value, 'base64');
}

/** `pk_dev` exists only outside production: made by a development start, removed by a production one. */
async function prepareDevSite(config: Config, sites: SiteRegistry, logger: Logger): Promise<void> {
  if (!config.isProduction) {
    await sites.ensureDevSite();
    return;
  }
  if (await sites.removeDevSite()) {
    logger.warn(
      `Removed the development site key ${DEV_SITE_KEY} from this database: in production it would let any localhost page get guest tokens.`,
    );
  }
}

/** A real Claude key means real spending: a deployment that forgot NODE_ENV is told so, loudly. */
function warnIfEnvironmentUnset(config: Config, logger: Logger): void {
  if (config.envSet || !config.claude.apiKey) return;
  logger.warn(
    `NODE_ENV is not set, so this server runs as development with a real Claude key: ${DEV_SITE_KEY} lets any localhost page get guest tokens, the demo page is served, and without AUTH_JWT_SECRET guest tokens are signed with a key kept in the database. Set NODE_ENV=production for a deployment (or NODE_ENV=development to say this is one).`,
  );
}

/** Wires the whole service from its configuration: database, Claude, chat, HTTP. */
/**
 * Connections the kernel may hold for accept() (it caps this at net.core.somaxconn). Node's 511
 * overflows in a burst of new conversations, and every dropped connection waits a second or more
 * for its retry.
 */
const LISTEN_BACKLOG = 4096;

export async function createRepruvServer(
  config: Config,
  overrides: ServerOverrides = {},
): Promise<RepruvServer> {
  const logger =
    overrides.logger ??
    createLogger({
      level: config.logLevel,
      format: config.logFormat,
      isProduction: config.isProduction,
    });
  warnIfEnvironmentUnset(config, logger);
  const metrics = new Metrics();
  const generator = overrides.generator ?? chooseGenerator(config, logger);
  // Before the database: an unknown CLAUDE_MODEL stops start-up with nothing else opened.
  await ensureModelIsKnown(generator, (message) => logger.warn(message)).catch(
    async (error: unknown) => {
      await generator.close?.();
      throw error;
    },
  );
  const lock = lockEmbeddedDatabase(config.database, 'server');
  try {
    await initializeEmbeddedFolder(config.database);
  } catch (error) {
    lock.release();
    throw error;
  }
  const db = connectDatabase(config.database);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    lock.release();
    throw error;
  }
  logger.info({ database: describeDatabase(config.database) }, 'database ready');
  if (!isEmbedded(config.database)) metrics.watchPool(db.client.pool);

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true })
    : undefined;

  const operationalEvents = new OperationalEvents(db, logger);
  operationalEvents.start();
  const breaker = new CircuitBreaker({
    threshold: config.claude.breakerThreshold,
    cooldownMs: config.claude.breakerCooldownSeconds * 1000,
  });
  metrics.setBreakerState(breaker.state);
  breaker.onStateChange((state) => {
    metrics.setBreakerState(state);
    if (state === 'open') operationalEvents.count('breaker_opened', null);
    logger.warn({ state }, 'Claude circuit breaker changed state');
  });
  const relay = redis && new RedisLiveRelay(redis);
  const gateway = new ClaudeGateway(generator, breaker, createClaudeBackoff(redis));
  const budgets = new Budgets({
    db,
    totals: createSpendTotals(redis),
    sites: new SiteBudgets(db),
    userTokensPerDay: config.budgets.userTokensPerDay,
    onRefused: (siteId) => operationalEvents.count('budget_refused', siteId),
  });

  const attachments = await createAttachments(config, db, logger).catch(async (error: unknown) => {
    await db.destroy();
    lock.release();
    throw error;
  });

  const leaseMs = Math.max(10_000, config.chat.flushIntervalMs * 5);
  const {
    store,
    registry: replies,
    personas,
    sessions,
    messages,
  } = createChat({
    db,
    gateway,
    metrics,
    logger,
    instanceId: randomUUID(),
    leaseMs,
    orphanGraceMs: config.chat.orphanGraceSeconds * 1000,
    conversationChars: config.chat.speculativeStart ? CONVERSATION_CACHE_CHARS : 0,
    contextMessages: config.chat.contextMessages,
    flushIntervalMs: config.chat.flushIntervalMs,
    callBeforeStored: config.chat.speculativeStart,
    budgets,
    prices: new PriceList(config.claude.prices),
    attachments: attachments.service,
    contextAttachments: config.chat.contextAttachments,
    titles: { mode: autoTitleMode(config), model: config.chat.titleModel },
    ...(relay ? { relay } : {}),
  });
  const sites = new SiteRegistry(db);
  await prepareDevSite(config, sites, logger);
  await seedConfiguredModes(db, config.chat.extraModes);
  await personas.load();
  personas.start();

  const recoverAbandonedReplies = () =>
    store.recoverAbandoned({ everything: isEmbedded(config.database) && replies.size === 0 });
  const recovered = await recoverAbandonedReplies();
  if (recovered > 0)
    logger.warn({ recovered }, 'replies left streaming by a crash marked as error');
  const sweep = setInterval(() => {
    store
      .recoverAbandoned({ everything: false })
      .catch((error: unknown) => logger.error({ err: error }, 'recovery sweep failed'));
  }, RECOVERY_SWEEP_MS);
  sweep.unref();
  const usageRollups = new UsageRollups(db, logger);
  usageRollups.start();

  const guestKey = await guestSecret(config, db, logger);
  const streamSlots = createStreamSlots(redis, config.caps.streamsPerUser);
  const pressure = new ServerPressure(
    { eventLoop: config.caps.shedGuestsEventLoop, dbWaiting: config.caps.shedGuestsDbWaiting },
    () => db.client.pool?.numPendingAcquires() ?? 0,
  );
  const mintLimits = new GuestMintLimits(createWindowCounter(redis), {
    perAddress: config.guests.tokensPerIpPerMinute,
    perSite: config.guests.tokensPerSitePerMinute,
  });
  const isAllowedOrigin = allowedOrigins(config, sites);
  const guestShedding = new GuestShedding({
    pressure,
    atOnce: config.caps.guestRequestsAtOnce,
    isAllowedOrigin,
    onShed: () => metrics.guestsShed.inc(),
  });
  const app = createApp({
    config,
    logger,
    metrics,
    db,
    redis,
    sessions,
    messages,
    attachments: attachments.service,
    sites,
    personas,
    guestMinting: new GuestMinting(
      sites,
      new GuestTokens(guestKey, {
        ttlSeconds: config.auth.guestTtlSeconds,
        issuer: config.auth.issuer,
        audience: config.auth.audience,
      }),
      new GuestChallenges(guestKey, config.guests.challengeMaxNumber, createWindowCounter(redis)),
      mintLimits,
    ),
    verifier: new TokenVerifier({
      secret: guestKey,
      jwksUrl: config.auth.jwksUrl,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    }),
    users: new UserDirectory(db),
    streamSlots,
    guestShedding,
    extraRoutes: overrides.extraRoutes?.({ config }) ?? [],
  });

  let httpServer: Server | undefined;

  return {
    config,
    db,
    logger,
    breaker,
    replies,
    sites,
    attachments: attachments.service,
    usageRollups,
    operationalEvents,
    app,
    recoverAbandonedReplies,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        httpServer = createServer(
          requestTimeoutOptions({
            headersMs: config.caps.headersTimeoutSeconds * 1000,
            bodyMs: config.caps.bodyTimeoutSeconds * 1000,
            uploadMs: config.attachments.uploadTimeoutSeconds * 1000,
          }),
          refuseSpentMints(guestShedding.guard(app.callback()), {
            proxies: config.trustProxy,
            spentAddressRefusal: (address) => mintLimits.spentAddressRefusal(address),
            isAllowedOrigin,
            onRefused: () =>
              metrics.httpRequests.inc({ method: 'POST', route: MINT_PATH, status: '429' }),
          }),
        );
        capConnectionsPerAddress(httpServer, config.caps.connectionsPerIp);
        answerTimeoutsAsJson(httpServer);
        httpServer.once('error', (error: NodeJS.ErrnoException) =>
          reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error),
        );
        httpServer.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          pressure.start();
          const address = httpServer!.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          const hostForUrl = host ? shownHost : 'localhost';
          const url = `http://${hostForUrl}:${address.port}`;
          lock.announce(url);
          resolve(url);
        });
      });
    },
    async close(options = {}) {
      clearInterval(sweep);
      let connectionsClosed = !httpServer;
      httpServer?.close(() => (connectionsClosed = true));
      await replies.drain(options.drainMs ?? 0);
      await replies.stopAll('shutdown');
      await generator.close?.();
      // Let each open stream send its final event and end before cutting the connections left.
      const deadline = Date.now() + SHUTDOWN_FLUSH_MS;
      while (!connectionsClosed && Date.now() < deadline) {
        httpServer?.closeIdleConnections();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      httpServer?.closeAllConnections();
      streamSlots.close();
      pressure.close();
      await attachments.close();
      await usageRollups.stop();
      await operationalEvents.stop();
      personas.stop();
      await relay?.close();
      await redis?.quit().catch(() => undefined);
      await db.destroy();
      lock.release();
    },
  };
}

/** CHAT_AUTO_TITLE; without a key the demo generator answers, whose words would make no title. */
function autoTitleMode(config: Config): AutoTitleMode {
  const asked = config.chat.autoTitle ?? (config.claude.apiKey ? 'claude' : 'words');
  return asked === 'claude' && !config.claude.apiKey ? 'words' : asked;
}
