import { z } from 'zod';

/** The newest Sonnet alias in the pinned SDK's `Model` list (claude-3-5-sonnet-latest is retired). */
export const DEFAULT_CLAUDE_MODEL = 'claude-sonnet-5-5';

const numberFromEnv = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed < 0) {
        ctx.addIssue({ code: 'custom', message: `expected a non-negative number, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const envSchema = z.object({
  NODE_ENV: z.string().optional().default('development'),
  PORT: numberFromEnv(3000),
  HOST: optionalString,
  LOG_LEVEL: z.string().optional().default('info'),
  DATABASE_URL: optionalString,
  PGLITE_DIR: optionalString,
  REDIS_URL: optionalString,
  AUTH_JWT_SECRET: optionalString,
  AUTH_JWKS_URL: optionalString,
  AUTH_JWT_ISSUER: optionalString,
  AUTH_JWT_AUDIENCE: optionalString,
  AUTH_GUEST_TTL_S: numberFromEnv(3600),
  CORS_ORIGINS: optionalString,
  CLAUDE_API_KEY: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  CLAUDE_BASE_URL: optionalString,
  ANTHROPIC_BASE_URL: optionalString,
  CLAUDE_MODEL: z.string().optional().default(DEFAULT_CLAUDE_MODEL),
  CLAUDE_MAX_TOKENS: numberFromEnv(1024),
  CLAUDE_MAX_RETRIES: numberFromEnv(1),
  CLAUDE_IDLE_TIMEOUT_MS: numberFromEnv(30_000),
  CLAUDE_CB_THRESHOLD: numberFromEnv(5),
  CLAUDE_CB_COOLDOWN: numberFromEnv(60),
  CLAUDE_THREAD: z.enum(['on', 'off', '']).optional(),
  CLAUDE_THREAD_AFTER: numberFromEnv(64),
  CHAT_MAX_CONTENT_CHARS: numberFromEnv(32_000),
  CHAT_CONTEXT_MESSAGES: numberFromEnv(20),
  CHAT_ORPHAN_GRACE_S: numberFromEnv(30),
  CHAT_HEARTBEAT_S: numberFromEnv(15),
  CHAT_FLUSH_MS: numberFromEnv(1000),
  CHAT_SPECULATIVE_START: z.enum(['on', 'off', '']).optional(),
  RATE_LIMIT_MESSAGES_PER_MINUTE: numberFromEnv(120),
  SHUTDOWN_DRAIN_MS: numberFromEnv(10_000),
  WIDGET_DIST_DIR: optionalString,
  CHAT_MODES: optionalString,
});

const modesSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'mode names are lowercase words'),
  z.string().min(1),
);

function parseModes(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      'CHAT_MODES must be a JSON object like {"podcast": "Focus on podcasts."}',
    );
  }
  const parsed = modesSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`CHAT_MODES: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export interface Config {
  env: string;
  isProduction: boolean;
  port: number;
  host: string | undefined;
  logLevel: string;
  database: { url: string | undefined; pgliteDir: string };
  redisUrl: string | undefined;
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    guestTtlSeconds: number;
  };
  corsOrigins: string[];
  claude: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    maxTokens: number;
    maxRetries: number;
    idleTimeoutMs: number;
    breakerThreshold: number;
    breakerCooldownSeconds: number;
    /** Read Claude's streams on a thread of their own (the main thread keeps HTTP)… */
    ownThread: boolean;
    /** …once this many replies are live; fewer are read on the main thread, a hop quicker. */
    inlineUpTo: number;
  };
  chat: {
    maxContentChars: number;
    contextMessages: number;
    orphanGraceSeconds: number;
    heartbeatSeconds: number;
    flushIntervalMs: number;
    /**
     * Ask Claude with the conversation this process remembers before the database confirms it and
     * while the send commits (a wrong guess is cancelled unseen; no reply text is shown or stored
     * before the pair is committed). Off: the pair is committed first, then Claude is called. On by
     * default for one instance; off by default with Redis, where a user's sends may land on other
     * instances and guesses would often be wasted calls.
     */
    speculativeStart: boolean;
    extraModes: Record<string, string>;
  };
  rateLimit: { messagesPerMinute: number };
  /** How long SIGTERM/SIGINT let open replies finish before stopping them. */
  shutdownDrainMs: number;
  widgetDistDir: string | undefined;
}

export class ConfigError extends Error {}

/** Reads every environment variable the server uses, once, and fails with one clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const apiKey = e.CLAUDE_API_KEY ?? e.ANTHROPIC_API_KEY;
  if (isProduction && !apiKey) {
    throw new ConfigError(
      'CLAUDE_API_KEY (or ANTHROPIC_API_KEY) is required when NODE_ENV=production. ' +
        'Set it to your Anthropic API key; outside production the server answers with a built-in demo reply instead.',
    );
  }
  if (isProduction && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL) {
    throw new ConfigError('AUTH_JWT_SECRET or AUTH_JWKS_URL is required when NODE_ENV=production.');
  }
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: { url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR ?? './.repruv-data' },
    redisUrl: e.REDIS_URL,
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_JWT_ISSUER,
      audience: e.AUTH_JWT_AUDIENCE,
      guestTtlSeconds: e.AUTH_GUEST_TTL_S,
    },
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    claude: {
      apiKey,
      baseUrl: e.CLAUDE_BASE_URL ?? e.ANTHROPIC_BASE_URL,
      model: e.CLAUDE_MODEL,
      maxTokens: e.CLAUDE_MAX_TOKENS,
      maxRetries: e.CLAUDE_MAX_RETRIES,
      idleTimeoutMs: e.CLAUDE_IDLE_TIMEOUT_MS,
      breakerThreshold: Math.max(1, Math.floor(e.CLAUDE_CB_THRESHOLD)),
      breakerCooldownSeconds: e.CLAUDE_CB_COOLDOWN,
      ownThread: e.CLAUDE_THREAD !== 'off',
      inlineUpTo: Math.floor(e.CLAUDE_THREAD_AFTER),
    },
    chat: {
      maxContentChars: e.CHAT_MAX_CONTENT_CHARS,
      contextMessages: Math.max(1, Math.floor(e.CHAT_CONTEXT_MESSAGES)),
      orphanGraceSeconds: e.CHAT_ORPHAN_GRACE_S,
      heartbeatSeconds: e.CHAT_HEARTBEAT_S,
      flushIntervalMs: e.CHAT_FLUSH_MS,
      speculativeStart: e.CHAT_SPECULATIVE_START ? e.CHAT_SPECULATIVE_START === 'on' : !e.REDIS_URL,
      extraModes: parseModes(e.CHAT_MODES),
    },
    rateLimit: { messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE },
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    widgetDistDir: e.WIDGET_DIST_DIR,
  };
}
