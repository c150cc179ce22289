import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createRepruvServer } from '../../src/server.js';
import { createTestDatabase } from '../support/database.js';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.js';
import { collectSse, readJson } from '../support/http.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';

// The current models of the pinned SDK's list that the fake upstream knows; the retired default is not.
const CURRENT_MODELS = ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-5-5'];

/** Starts (and closes again) a server; resolves with the messages it logged at warn. */
async function startServer(env: Record<string, string>): Promise<string[]> {
  const database = await createTestDatabase();
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      warnings.push((JSON.parse(chunk.toString()) as { msg: string }).msg);
      done();
    },
  });
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      CLAUDE_API_KEY: 'test-key',
      PGLITE_DIR: database.pgliteDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      ...env,
    });
    const server = await createRepruvServer(config, { logger: pino({ level: 'warn' }, sink) });
    await server.close();
    return warnings;
  } finally {
    await database.drop();
  }
}

describe('the model is checked once at start-up with the Models API', () => {
  let fake: FakeClaude;
  beforeAll(async () => {
    fake = await startFakeClaude({ knownModels: CURRENT_MODELS });
  });
  afterAll(() => fake.close());

  test('the default model is known: start-up goes on, after one lookup', async () => {
    const before = fake.modelLookups.length;
    await startServer({ CLAUDE_BASE_URL: fake.url });
    expect(fake.modelLookups.slice(before)).toEqual(['claude-sonnet-5-5']);
  });

  test('an unknown model stops start-up with a plain message naming CLAUDE_MODEL', async () => {
    const start = startServer({
      CLAUDE_BASE_URL: fake.url,
      CLAUDE_MODEL: 'claude-3-5-sonnet-latest',
    });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/^CLAUDE_MODEL: .*"claude-3-5-sonnet-latest"/);
    expect(fake.requests).toHaveLength(0); // nothing was ever asked of the model
  });

  test.each(['on', 'off'])(
    'CLAUDE_THREAD=%s: an outage of the Models API warns, and start-up goes on',
    async (thread) => {
      fake.failModelLookups(503);
      try {
        const warnings = await startServer({ CLAUDE_BASE_URL: fake.url, CLAUDE_THREAD: thread });
        expect(
          warnings.some((w) => /CLAUDE_MODEL "claude-sonnet-5-5".*starting anyway/.test(w)),
        ).toBe(true);
      } finally {
        fake.failModelLookups(undefined);
      }
    },
  );

  test('Claude out of reach warns, and start-up goes on', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const warnings = await startServer({ CLAUDE_BASE_URL: `http://127.0.0.1:${closedPort}` });
    expect(warnings.some((w) => /Could not check CLAUDE_MODEL/.test(w))).toBe(true);
  });

  test('without a key nothing is checked (demo replies)', async () => {
    const before = fake.modelLookups.length;
    await startServer({ CLAUDE_BASE_URL: fake.url, CLAUDE_API_KEY: '' });
    expect(fake.modelLookups.length).toBe(before);
  });
});

describe.each(['on', 'off'])(
  'CLAUDE_THREAD=%s: a model Claude stopped knowing mid-life',
  (thread) => {
    let fake: FakeClaude;
    let server: Awaited<ReturnType<typeof createRepruvServer>>;
    let url: string;
    let token: string;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      fake = await startFakeClaude({ knownModels: CURRENT_MODELS });
      const database = await createTestDatabase();
      drop = database.drop;
      server = await createRepruvServer(
        loadConfig({
          NODE_ENV: 'test',
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
          CLAUDE_API_KEY: 'test-key',
          CLAUDE_BASE_URL: fake.url,
          CLAUDE_MAX_RETRIES: '0',
          CLAUDE_CB_THRESHOLD: '2',
          CLAUDE_THREAD: thread,
          CLAUDE_THREAD_AFTER: '0',
          LOG_LEVEL: 'silent',
          PGLITE_DIR: database.pgliteDir,
          ...(database.url ? { DATABASE_URL: database.url } : {}),
        }),
      );
      url = await server.listen(0, '127.0.0.1');
      token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      fake.setKnownModels(['claude-opus-5-5']); // claude-sonnet-5-5 is retired while we run
    });
    afterAll(async () => {
      await server.close();
      await fake.close();
      await drop();
    });

    const api = (path: string, body: unknown) =>
      fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    test('a not_found_error is an upstream_error naming the model, not retryable, not an outage', async () => {
      const session = await readJson(await api('/chat/sessions', {}));

      const streamed = await collectSse(
        await api('/chat/messages?stream=true', { session_id: session.id, content: 'hi' }),
      );
      const last = streamed.at(-1)!;
      expect(last.event).toBe('error');
      expect(last.data.error).toMatchObject({ code: 'upstream_error', retryable: false });
      expect(last.data.error.message).toMatch(/"claude-sonnet-5-5".*CLAUDE_MODEL/);

      const json = await api('/chat/messages', { session_id: session.id, content: 'again' });
      expect(json.status).toBe(502);
      const body = await readJson(json);
      expect(body.error.code).toBe('upstream_error');
      expect(body.error.message).toMatch(/"claude-sonnet-5-5".*CLAUDE_MODEL/);

      // Two refusals at a threshold of two: a configuration error never opens the circuit.
      expect(server.breaker.state).toBe('closed');
      expect(
        (await api('/chat/messages', { session_id: session.id, content: 'more' })).status,
      ).toBe(502);
      expect(server.breaker.state).toBe('closed');
    });
  },
);
