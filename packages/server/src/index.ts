export { createRepruvServer, type RepruvServer, type ServerOverrides } from './server.js';
export { createApp, API_PREFIX, type AppDependencies } from './app.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export * from './errors.js';
export type { SessionDto, MessageDto } from './chat/dto.js';
export type {
  ReplyGenerator,
  GenerateRequest,
  GenerationUsage,
  ConversationTurn,
} from './llm/reply-generator.js';
export { CircuitBreaker, type BreakerState } from './llm/circuit-breaker.js';
export { DEV_SITE_KEY } from './auth/site-registry.js';
export { widgetRoutes } from './http/routes/widget.js';
