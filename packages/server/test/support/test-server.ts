import { SignJWT } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { widgetRoutes } from '../../src/http/routes/widget.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { createRepruvServer, type RepruvServer } from '../../src/server.js';
import { createTestDatabase } from './database.js';
import { startFakeClaude, type FakeClaude } from './fake-claude.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

export interface TestServer {
  url: string;
  api: string;
  server: RepruvServer;
  claude: FakeClaude;
  /** A signed bearer token for the user `sub`. */
  tokenFor(sub: string, options?: { expiresIn?: string }): Promise<string>;
  /** fetch against the API with a bearer token for `sub` (default "alice"). */
  request(
    path: string,
    init?: RequestInit & { as?: string | null; json?: unknown },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The limits every test server starts with unless its env names them, none that other tests would
 * meet (and no automatic titles): the suites mint many guest tokens from 127.0.0.1, send from one address many at once, open
 * sessions freely and solve challenges in a blink. The limits' own tests set them.
 */
const TEST_LIMITS = {
  GUEST_TOKENS_PER_IP_PER_MINUTE: '1000000',
  GUEST_TOKENS_PER_SITE_PER_MINUTE: '1000000',
  CHALLENGE_MAX_NUMBER: '1000',
  CONNECTIONS_PER_IP: '0',
  STREAMS_PER_USER: '1000',
  SESSIONS_PER_USER_PER_HOUR: '1000000',
  SEARCHES_PER_USER_PER_MINUTE: '1000000',
  EXPORTS_PER_USER_PER_MINUTE: '1000000',
  // A title call would be one more request to the fake Claude than a test expects.
  CHAT_AUTO_TITLE: 'off',
  GUEST_SHED_EVENT_LOOP: '1',
  GUEST_SHED_DB_WAITING: '0',
  GUEST_REQUESTS_AT_ONCE: '0',
};

/**
 * The real server, in process, on a fresh database, with Claude faked at the HTTP boundary:
 * the real @anthropic-ai/sdk talks to a local server that speaks Anthropic's wire format.
 * It serves the widget from WIDGET_DIST_DIR (default packages/widget/dist) and the demo page.
 * `options.logger` replaces its logger (to read what it logs).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestServer> {
  const claude = await startFakeClaude();
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    CLAUDE_API_KEY: 'test-key',
    CLAUDE_BASE_URL: claude.url,
    CLAUDE_MAX_RETRIES: '0',
    CHAT_FLUSH_MS: '100',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PGLITE_DIR: database.pgliteDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...TEST_LIMITS,
    ...env,
  });
  // Composed as main.ts composes it, widget bundle and demo page included.
  const server = await createRepruvServer(config, {
    logger: options.logger ?? createLogger(config.logLevel),
    extraRoutes: ({ config: c }) => [widgetRoutes(c)],
  });
  const url = await server.listen(0, '127.0.0.1');
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);

  const tokenFor = (sub: string, options: { expiresIn?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(secret);

  return {
    url,
    api: `${url}/api/v1`,
    server,
    claude,
    tokenFor,
    async request(path, init = {}) {
      const { as = 'alice', json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as !== null) headers.set('Authorization', `Bearer ${await tokenFor(as)}`);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return fetch(`${url}/api/v1${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    async close() {
      await server.close();
      await claude.close();
      await database.drop();
    },
  };
}

/**
 * One test server for the whole file: started in beforeAll (with `env`), closed in afterAll. The
 * handle it returns stands for that server and may be used from beforeAll on.
 */
export function useTestServer(env: Record<string, string> = {}): TestServer {
  let started: TestServer | undefined;
  const current = (): TestServer => {
    if (!started) throw new Error('the test server is not started yet (use it from beforeAll on)');
    return started;
  };
  beforeAll(async () => {
    started = await startTestServer(env);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get api() {
      return current().api;
    },
    get server() {
      return current().server;
    },
    get claude() {
      return current().claude;
    },
    tokenFor: (sub, options) => current().tokenFor(sub, options),
    request: (path, init) => current().request(path, init),
    close: () => current().close(),
  };
}
