import type Router from '@koa/router';
import Koa from 'koa';
import type { Redis } from 'ioredis';
import type { AttachmentService } from './attachments/attachment-service.js';
import type { GuestMinting } from './auth/guest-minting.js';
import type { SiteRegistry } from './auth/site-registry.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { UserDirectory } from './auth/user-directory.js';
import type { MessageService } from './chat/message-service.js';
import type { SessionService } from './chat/session-service.js';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import { clientAddress, trustProxies } from './http/client-address.js';
import { authenticate, resolveUser } from './http/middleware/auth.js';
import { bodyDeadline } from './http/middleware/body-deadline.js';
import { cors, type OriginCheck } from './http/middleware/cors.js';
import { errorMapper } from './http/middleware/error-mapper.js';
import { httpMetrics } from './http/middleware/http-metrics.js';
import { rateLimitMessages } from './http/middleware/rate-limit.js';
import { requestId } from './http/middleware/request-id.js';
import { requestLog } from './http/middleware/request-log.js';
import { securityHeaders } from './http/middleware/security-headers.js';
import { adminRoutes } from './http/routes/admin/index.js';
import { attachmentRoutes } from './http/routes/attachments.js';
import { consoleRoutes } from './http/routes/console.js';
import { authRoutes } from './http/routes/auth.js';
import { operationalRoutes } from './http/routes/health.js';
import { exportRoutes } from './http/routes/export.js';
import { feedbackRoutes } from './http/routes/feedback.js';
import { messageRoutes } from './http/routes/messages.js';
import { searchRoutes } from './http/routes/search.js';
import { siteConfigRoutes } from './http/routes/site-config.js';
import { sessionRoutes } from './http/routes/sessions.js';
import type { GuestShedding } from './http/shed-guests.js';
import type { AppState } from './http/state.js';
import type { StreamSlots } from './limits/stream-slots.js';
import { createWindowCounter } from './limits/window-counter.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { ExportService } from './export/export-service.js';
import { SearchService } from './search/search-service.js';
import { createRouter } from './http/router.js';
import type { PersonaCatalog } from './personas/persona-catalog.js';

export const API_PREFIX = '/api/v1';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  redis: Redis | undefined;
  sessions: SessionService;
  messages: MessageService;
  attachments: AttachmentService;
  sites: SiteRegistry;
  personas: PersonaCatalog;
  guestMinting: GuestMinting;
  verifier: TokenVerifier;
  users: UserDirectory;
  streamSlots: StreamSlots;
  guestShedding: GuestShedding;
  /** Extra root routes (the widget bundle and the demo page). */
  extraRoutes?: Router<AppState>[];
}

/** CORS_ORIGINS, and the origins of every registered site. */
export function allowedOrigins(config: Config, sites: SiteRegistry): OriginCheck {
  const staticOrigins = new Set(config.corsOrigins);
  return async (origin) => staticOrigins.has(origin) || sites.isAllowedOrigin(origin);
}

/** The request's path, top to bottom: security headers → request id → client address → log → metrics → errors → CORS → body deadline → routes (auth, rate limit inside). */
export function createApp(deps: AppDependencies): Koa<AppState> {
  const app = new Koa<AppState>();
  trustProxies(app, deps.config.trustProxy);
  app.silent = true;

  const isAllowedOrigin = allowedOrigins(deps.config, deps.sites);

  app.use(securityHeaders());
  app.use(requestId());
  app.use(clientAddress(deps.config.trustProxy));
  app.use(requestLog(deps.logger));
  // Metrics above the error mapper, so that an error is counted with the status it answers.
  app.use(httpMetrics(deps.metrics));
  app.use(errorMapper(deps.logger));
  app.use(cors(isAllowedOrigin));
  app.use(bodyDeadline(deps.config.caps.bodyTimeoutSeconds * 1000));

  const operational = operationalRoutes(deps.db, deps.metrics, {
    metricsToken: deps.config.metricsToken,
  });
  app.use(operational.routes());

  for (const router of deps.extraRoutes ?? []) app.use(router.routes());
  const consolePages = consoleRoutes();
  app.use(consolePages.routes());

  const publicApi = createRouter(API_PREFIX);
  publicApi.use(authRoutes(deps.guestMinting).routes());
  publicApi.use(siteConfigRoutes(deps.sites).routes());
  app.use(publicApi.routes());

  const windows = createWindowCounter(deps.redis);
  // Before the chat API, whose bearer token opens nothing here (nor does a console cookie there).
  const admin = adminRoutes(
    {
      config: deps.config,
      db: deps.db,
      windows,
      sites: deps.sites,
      personas: deps.personas,
      logger: deps.logger,
    },
    API_PREFIX,
  );
  app.use(admin.routes());
  app.use(admin.allowedMethods({ throw: false }));

  const api = createRouter(API_PREFIX);
  api.use(authenticate(deps.verifier));
  api.use(deps.guestShedding.releaseOnceAnswered()); // guests are shed before the app (server.ts)
  api.use(resolveUser(deps.users));
  api.use(
    sessionRoutes(deps.sessions, {
      newPerUserPerHour: deps.config.caps.sessionsPerUserPerHour,
      windows,
    }).routes(),
  );
  const exports = new ExportService(deps.db, deps.sessions, deps.attachments, deps.logger);
  api.use(
    exportRoutes(exports, {
      perUserPerMinute: deps.config.caps.exportsPerUserPerMinute,
      windows,
    }).routes(),
  );
  api.use(
    searchRoutes(new SearchService(deps.db), {
      perUserPerMinute: deps.config.caps.searchesPerUserPerMinute,
      windows,
    }).routes(),
  );
  // One budget of 120 a minute for sends and uploads alike.
  const rateLimit = rateLimitMessages({
    maxPerMinute: deps.config.rateLimit.messagesPerMinute,
    redis: deps.redis,
  });
  api.use(
    messageRoutes(deps.messages, deps.metrics, {
      maxContentChars: deps.config.chat.maxContentChars,
      heartbeatMs: deps.config.chat.heartbeatSeconds * 1000,
      rateLimit,
      streamSlots: deps.streamSlots,
    }).routes(),
  );
  api.use(attachmentRoutes(deps.attachments, { rateLimit }).routes());
  api.use(feedbackRoutes(deps.messages).routes());
  app.use(api.routes());
  // Last, so that it sees the paths every router above matched: a 405 (or a 501 for an unknown
  // method) with `Allow`, which the error mapper turns into the JSON error.
  app.use(api.allowedMethods({ throw: false }));

  routersOf.set(app, [
    operational,
    ...(deps.extraRoutes ?? []),
    consolePages,
    publicApi,
    admin,
    api,
  ]);
  return app;
}

const routersOf = new WeakMap<Koa<AppState>, Router<AppState>[]>();

/** Every `METHOD /path` the app routes (HEAD left out; `:param` written `{param}`, as in OpenAPI). */
export function registeredRoutes(app: Koa<AppState>): string[] {
  const routes = new Set<string>();
  for (const router of routersOf.get(app) ?? []) {
    for (const layer of router.stack) {
      const path = String(layer.path).replace(/:(\w+)/g, '{$1}');
      for (const method of layer.methods) if (method !== 'HEAD') routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}
