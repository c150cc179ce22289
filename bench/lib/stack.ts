import { SignJWT } from 'jose';
import pg from 'pg';
import { freePort, startProcess, tsx, type Child } from './processes.js';

export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startFakeUpstream(
  tokensPerSecond: number,
  tokens: number,
  { instantFirst = false }: { instantFirst?: boolean } = {},
): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const child = await startProcess(
    process.execPath,
    [
      ...tsx('packages/server/test/support/fake-claude-cli.ts'),
      '--port',
      String(port),
      '--tps',
      String(tokensPerSecond),
      '--tokens',
      String(tokens),
      ...(instantFirst ? ['--instant-first'] : []),
    ],
    { ready: /listening on/ },
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

export async function startRepruv(
  upstreamUrl: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
) {
  const port = await freePort();
  const child = await startProcess(
    process.execPath,
    [...nodeArgs, 'packages/server/dist/main.js'],
    {
      env: {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        AUTH_JWT_SECRET: JWT_SECRET,
        CLAUDE_API_KEY: 'bench',
        CLAUDE_BASE_URL: upstreamUrl,
        CLAUDE_MAX_RETRIES: '0',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MESSAGES_PER_MINUTE: '1000000',
        // The load comes from one address, thousands of connections at once.
        CONNECTIONS_PER_IP: '0',
        STREAMS_PER_USER: '1000000',
        SESSIONS_PER_USER_PER_HOUR: '1000000',
        ...env,
      },
      ready: `http://127.0.0.1:${port}/healthz`,
    },
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

export function tokenFor(sub: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

export async function createSessions(
  baseUrl: string,
  token: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${baseUrl}/api/v1/chat/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

/** The floor: a bare pass-through to the upstream, no auth, storage or parsing. */
export async function startPassthroughProxy(
  upstreamUrl: string,
): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const child = await startProcess(
    process.execPath,
    [...tsx('bench/targets/passthrough-proxy.ts'), String(port), upstreamUrl],
    { ready: /listening/ },
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The body of a streamed Messages request as a client of the Anthropic API sends it. */
export function anthropicStreamBody(content: string): string {
  return JSON.stringify({
    model: 'claude-sonnet-5-5',
    max_tokens: 1024,
    stream: true,
    messages: [{ role: 'user', content }],
  });
}

export const ANTHROPIC_HEADERS = {
  'content-type': 'application/json',
  'x-api-key': 'bench',
  'anthropic-version': '2023-06-01',
};

/** A streamed Messages request as a client of the Anthropic API sends it. */
export function anthropicStreamRequest(proxyUrl: string, content: string): Promise<Response> {
  return fetch(`${proxyUrl}/v1/messages`, {
    method: 'POST',
    headers: ANTHROPIC_HEADERS,
    body: anthropicStreamBody(content),
  });
}

/** The peer: a minimal AI SDK streamText route (bench/targets/ai-sdk-route.ts) on `upstreamUrl`. */
export async function startAiSdkRoute(upstreamUrl: string): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const child = await startProcess(
    process.execPath,
    [...tsx('bench/targets/ai-sdk-route.ts'), String(port), upstreamUrl],
    { ready: /listening/ },
  );
  return { url: `http://127.0.0.1:${port}`, child };
}
