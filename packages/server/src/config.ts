import { z } from 'zod';
import { MODE_NAME_PATTERN } from './personas/mode-name.js';

/** The newest Sonnet alias in the pinned SDK's `Model` list (claude-3-5-sonnet-latest is retired). */
export const DEFAULT_CLAUDE_MODEL = 'claude-sonnet-5-5';

export class ConfigError extends Error {}

// ------------------------------------------------------------------ how one variable is read

/** A variable (or its fallbacks, first set wins) and the schema that parses its text. */
interface Variable<T> {
  names: readonly string[];
  schema: z.ZodType<T, string | undefined>;
}

const variable = <T>(
  names: string | readonly string[],
  schema: z.ZodType<T, string | undefined>,
): Variable<T> => ({ names: typeof names === 'string' ? [names] : names, schema });

const blankToUndefined = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value) => blankToUndefined(value) ?? fallback);

const optionalText = z.string().optional().transform(blankToUndefined);

const count = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const given = blankToUndefined(value);
      if (given === undefined) return fallback;
      const parsed = Number(given);
      if (!Number.isFinite(parsed) || parsed < 0) {
        ctx.addIssue({ code: 'custom', message: `expected a non-negative number, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const wholeCount = (fallback: number, min = 0) =>
  count(fallback).transform((value) => Math.max(min, Math.floor(value)));

/** A share from 0 to 1. */
const fraction = (fallback: number) =>
  count(fallback).refine((value) => value <= 1, { message: 'expected a number from 0 to 1' });

/** `on` / `off`; unset or blank: undefined, so that the caller can choose a default from others. */
const onOff = z
  .enum(['on', 'off', ''])
  .optional()
  .transform((value) => (value ? value === 'on' : undefined));

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const modesSchema = z.record(
  z.string().regex(MODE_NAME_PATTERN, 'mode names are lowercase words'),
  z.string().min(1),
);

const modes = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const given = blankToUndefined(raw);
    if (!given) return {};
    let json: unknown;
    try {
      json = JSON.parse(given);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON object like {"podcast": "Focus on podcasts."}',
      });
      return z.NEVER;
    }
    const parsed = modesSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message });
    return z.NEVER;
  });

const usdPerMillionTokens = z.number().finite().nonnegative();
const priceSchema = z.strictObject({ input: usdPerMillionTokens, output: usdPerMillionTokens });
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;

/** `{"model-id": {"input": 3, "output": 15}}`: US dollars per million tokens, by model id (or prefix). */
const prices = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const given = blankToUndefined(raw);
    if (!given) return {};
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    let json: unknown;
    try {
      json = JSON.parse(given);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return fail('must be a JSON object like {"claude-opus-5": {"input": 5, "output": 25}}');
    }
    const result: Record<string, z.infer<typeof priceSchema>> = {};
    for (const [model, price] of Object.entries(json)) {
      if (!MODEL_ID.test(model)) return fail(`"${model}" is not a model id`);
      const parsed = priceSchema.safeParse(price);
      if (!parsed.success) {
        return fail(
          `${model}: expected {"input": usd_per_million_tokens, "output": usd_per_million_tokens}, each a number ≥ 0`,
        );
      }
      result[model] = parsed.data;
    }
    return result;
  });

// ------------------------------------------------------------------ every variable, once

/**
 * Every environment variable the server reads, each in the place of the setting it fills: the
 * `Config` type is inferred from this table. The README's configuration table documents it.
 */
const SETTINGS = {
  env: variable('NODE_ENV', text('development')),
  port: variable('PORT', count(3000)),
  host: variable('HOST', optionalText),
  /** Proxies in front of the server: the client address is the X-Forwarded-For hop they name (0: the socket's). */
  trustProxy: variable('TRUST_PROXY', wholeCount(0)),
  logLevel: variable('LOG_LEVEL', text('info')),
  /** Unset: pretty at a terminal outside production, JSON otherwise. */
  logFormat: variable(
    'LOG_FORMAT',
    z
      .enum(['pretty', 'json', ''])
      .optional()
      .transform((value) => value || undefined),
  ),
  database: {
    url: variable('DATABASE_URL', optionalText),
    pgliteDir: variable('PGLITE_DIR', text('./.repruv-data')),
    preparedStatements: variable(
      'DATABASE_PREPARED_STATEMENTS',
      onOff.transform((on) => on ?? true),
    ),
    baselineCompiler: variable(
      'PGLITE_BASELINE_COMPILER',
      onOff.transform((on) => on ?? false),
    ),
  },
  redisUrl: variable('REDIS_URL', optionalText),
  auth: {
    jwtSecret: variable('AUTH_JWT_SECRET', optionalText),
    jwksUrl: variable('AUTH_JWKS_URL', optionalText),
    issuer: variable('AUTH_JWT_ISSUER', optionalText),
    audience: variable('AUTH_JWT_AUDIENCE', optionalText),
    guestTtlSeconds: variable('AUTH_GUEST_TTL_S', count(3600)),
  },
  guests: {
    tokensPerIpPerMinute: variable('GUEST_TOKENS_PER_IP_PER_MINUTE', wholeCount(10)),
    tokensPerSitePerMinute: variable('GUEST_TOKENS_PER_SITE_PER_MINUTE', wholeCount(600)),
    /** The proof of work's range: about a second of a browser's hashing on average (docs/openapi.yaml). */
    challengeMaxNumber: variable('CHALLENGE_MAX_NUMBER', wholeCount(200_000, 1)),
  },
  corsOrigins: variable('CORS_ORIGINS', commaList),
  claude: {
    apiKey: variable(['CLAUDE_API_KEY', 'ANTHROPIC_API_KEY'], optionalText),
    baseUrl: variable(['CLAUDE_BASE_URL', 'ANTHROPIC_BASE_URL'], optionalText),
    model: variable('CLAUDE_MODEL', text(DEFAULT_CLAUDE_MODEL)),
    maxTokens: variable('CLAUDE_MAX_TOKENS', count(1024)),
    maxRetries: variable('CLAUDE_MAX_RETRIES', count(1)),
    idleTimeoutMs: variable('CLAUDE_IDLE_TIMEOUT_MS', count(30_000)),
    breakerThreshold: variable('CLAUDE_CB_THRESHOLD', wholeCount(5, 1)),
    breakerCooldownSeconds: variable('CLAUDE_CB_COOLDOWN', count(60)),
    /** Read Claude's streams on a thread of their own (the main thread keeps HTTP)… */
    ownThread: variable(
      'CLAUDE_THREAD',
      onOff.transform((on) => on ?? true),
    ),
    /** …once this many replies are live; fewer are read on the main thread, a hop quicker. */
    inlineUpTo: variable('CLAUDE_THREAD_AFTER', wholeCount(64)),
    /** Operators' prices over the published ones, for the ledger's costs and the sites' budgets. */
    prices: variable('CLAUDE_PRICES', prices),
  },
  budgets: {
    /** Input + output tokens a user may use a UTC day; 0: no limit. */
    userTokensPerDay: variable('BUDGET_USER_TOKENS_PER_DAY', wholeCount(200_000)),
  },
  chat: {
    maxContentChars: variable('CHAT_MAX_CONTENT_CHARS', count(32_000)),
    contextMessages: variable('CHAT_CONTEXT_MESSAGES', wholeCount(20, 1)),
    /** Files of the context's messages whose bytes go to Claude again on each call, newest first. */
    contextAttachments: variable('CHAT_CONTEXT_ATTACHMENTS', wholeCount(10)),
    orphanGraceSeconds: variable('CHAT_ORPHAN_GRACE_S', count(30)),
    heartbeatSeconds: variable('CHAT_HEARTBEAT_S', count(15)),
    flushIntervalMs: variable('CHAT_FLUSH_MS', count(1000)),
    /**
     * Ask Claude with the conversation this process remembers before the database confirms it and
     * while the send commits (a wrong guess is cancelled unseen; no reply text is shown or stored
     * before the pair is committed). Off: the pair is committed first, then Claude is called.
     * Unset here; `loadConfig` defaults it (on for one instance, off with Redis).
     */
    speculativeStart: variable('CHAT_SPECULATIVE_START', onOff),
    extraModes: variable('CHAT_MODES', modes),
    /** The model of title calls (CHAT_AUTO_TITLE=claude): a small, cheap one. */
    titleModel: variable('CHAT_TITLE_MODEL', text('claude-haiku-4-5')),
    /** How a session still titled "New Chat" gets a title; unset: `claude` with a key, `words` without. */
    autoTitle: variable(
      'CHAT_AUTO_TITLE',
      z
        .enum(['claude', 'words', 'off', ''])
        .optional()
        .transform((value) => value || undefined),
    ),
  },
  rateLimit: { messagesPerMinute: variable('RATE_LIMIT_MESSAGES_PER_MINUTE', count(120)) },
  caps: {
    /**
     * Open TCP connections per socket address; 0: no cap. Unset here; `loadConfig` defaults it: 64,
     * or no cap behind a proxy (TRUST_PROXY), where every connection has the proxy's address.
     */
    connectionsPerIp: variable(
      'CONNECTIONS_PER_IP',
      count(-1).transform((value) => (value < 0 ? undefined : Math.floor(value))),
    ),
    /** Live SSE replies per user, re-attaches included; a non-streamed send waiting for its reply holds one too. */
    streamsPerUser: variable('STREAMS_PER_USER', wholeCount(4, 1)),
    sessionsPerUserPerHour: variable('SESSIONS_PER_USER_PER_HOUR', wholeCount(60, 1)),
    searchesPerUserPerMinute: variable('SEARCHES_PER_USER_PER_MINUTE', wholeCount(60, 1)),
    exportsPerUserPerMinute: variable('EXPORTS_PER_USER_PER_MINUTE', wholeCount(10, 1)),
    /**
     * Anonymous guests are refused (503 overloaded) for a second after the event loop was busy this
     * share of the last 0.2 s or more; 1: never.
     */
    shedGuestsEventLoop: variable('GUEST_SHED_EVENT_LOOP', fraction(0.7)),
    /** … or while this many of their requests are in hand already; 0: no cap. */
    guestRequestsAtOnce: variable('GUEST_REQUESTS_AT_ONCE', wholeCount(8)),
    /** … or while this many queries wait for a database connection, or more; 0: never. */
    shedGuestsDbWaiting: variable('GUEST_SHED_DB_WAITING', wholeCount(1)),
    /** A request's headers must be in this soon after its first byte (or the connection's start); 0: off. */
    headersTimeoutSeconds: variable('HEADERS_TIMEOUT_S', count(10)),
    /** A request's body must be in this soon after its headers; 0: off. */
    bodyTimeoutSeconds: variable('BODY_TIMEOUT_S', count(30)),
  },
  attachments: {
    maxImageBytes: variable('ATTACHMENTS_MAX_IMAGE_BYTES', wholeCount(10_000_000, 1)),
    maxDocumentBytes: variable('ATTACHMENTS_MAX_DOCUMENT_BYTES', wholeCount(32_000_000, 1)),
    /** Bytes of attachments a user may keep in all. */
    quotaBytes: variable('ATTACHMENTS_QUOTA_BYTES', wholeCount(200_000_000, 1)),
    /**
     * …for a site's visitors (guest tokens, verified or not): a site key is public, and each
     * token minted is a user of its own, so theirs is smaller.
     */
    guestQuotaBytes: variable('ATTACHMENTS_GUEST_QUOTA_BYTES', wholeCount(25_000_000, 1)),
    /** Uploads never sent with a message are deleted this long after they arrived. */
    orphanTtlSeconds: variable('ATTACHMENTS_ORPHAN_TTL_S', count(86_400)),
    /** An upload's whole body must be in this soon after its headers (BODY_TIMEOUT_S is for JSON). */
    uploadTimeoutSeconds: variable('ATTACHMENTS_UPLOAD_TIMEOUT_S', count(120)),
    /** Unset: bytes in PostgreSQL. Set: an S3-compatible bucket keeps them (s3-blob-store.ts). */
    s3Url: variable('ATTACHMENTS_S3_URL', optionalText),
  },
  admin: {
    /** How long an operator stays signed in to the console. */
    sessionHours: variable('ADMIN_SESSION_HOURS', count(12)),
    /** Sign-in attempts per client address, and per e-mail address, in 15 minutes. */
    signInsPerAddress: variable('ADMIN_SIGN_INS_PER_IP', wholeCount(30, 1)),
    signInsPerEmail: variable('ADMIN_SIGN_INS_PER_EMAIL', wholeCount(10, 1)),
  },
  /** Outside production: 30 days of synthetic traffic for the console, made once (also `--demo-data`). */
  demoData: variable(
    'REPRUV_DEMO_DATA',
    z
      .enum(['1', '0', 'true', 'false', 'on', 'off', ''])
      .optional()
      .transform((value) => value === '1' || value === 'true' || value === 'on'),
  ),
  /** When set, `/metrics` needs it as a bearer token. */
  metricsToken: variable('METRICS_TOKEN', optionalText),
  /** Server processes on one port; 0 (unset): one per core in production with a shared database and Redis, else one. */
  webConcurrency: variable('WEB_CONCURRENCY', wholeCount(0)),
  /** How long SIGTERM/SIGINT let open replies finish before stopping them. */
  shutdownDrainMs: variable('SHUTDOWN_DRAIN_MS', count(10_000)),
  widgetDistDir: variable('WIDGET_DIST_DIR', optionalText),
};

// ------------------------------------------------------------------ reading the table

type Settings = { [key: string]: Variable<unknown> | Settings };
type Read<T> = T extends Variable<infer V> ? V : { [K in keyof T]: Read<T[K]> };

type Raw = Read<typeof SETTINGS>;

export type Config = Omit<Raw, 'chat' | 'caps'> & {
  /** Whether NODE_ENV was given at all: unset, `env` reads `development`. */
  envSet: boolean;
  isProduction: boolean;
  chat: Omit<Raw['chat'], 'speculativeStart'> & { speculativeStart: boolean };
  caps: Omit<Raw['caps'], 'connectionsPerIp'> & { connectionsPerIp: number };
};

/** The name of every environment variable the server reads, fallbacks included. */
export function configVariableNames(settings: Settings = SETTINGS): string[] {
  return Object.values(settings).flatMap((entry) =>
    isVariable(entry) ? [...entry.names] : configVariableNames(entry),
  );
}

function isVariable(entry: Variable<unknown> | Settings): entry is Variable<unknown> {
  return Array.isArray(entry.names);
}

function readSettings(settings: Settings, env: NodeJS.ProcessEnv, problems: string[]): unknown {
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(settings)) {
    if (!isVariable(entry)) {
      result[key] = readSettings(entry, env, problems);
      continue;
    }
    const name = entry.names.find((candidate) => blankToUndefined(env[candidate]) !== undefined);
    const parsed = entry.schema.safeParse(name ? env[name] : undefined);
    if (parsed.success) result[key] = parsed.data;
    else problems.push(`${name ?? entry.names[0]}: ${parsed.error.issues[0]!.message}`);
  }
  return result;
}

/** Reads every environment variable the server uses, once, and fails with one clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const raw = readSettings(SETTINGS, env, problems) as Raw;
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const isProduction = raw.env === 'production';
  if (isProduction && !raw.claude.apiKey) {
    throw new ConfigError(
      'CLAUDE_API_KEY (or ANTHROPIC_API_KEY) is required when NODE_ENV=production. ' +
        'Set it to your Anthropic API key; outside production the server answers with a built-in demo reply instead.',
    );
  }
  if (isProduction && !raw.auth.jwtSecret && !raw.auth.jwksUrl) {
    throw new ConfigError('AUTH_JWT_SECRET or AUTH_JWKS_URL is required when NODE_ENV=production.');
  }
  return {
    ...raw,
    envSet: blankToUndefined(env.NODE_ENV) !== undefined,
    isProduction,
    // Several instances (Redis) would often guess wrong: their users' sends hop between them.
    chat: { ...raw.chat, speculativeStart: raw.chat.speculativeStart ?? !raw.redisUrl },
    caps: {
      ...raw.caps,
      connectionsPerIp: raw.caps.connectionsPerIp ?? (raw.trustProxy > 0 ? 0 : 64),
    },
  };
}
