import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, configVariableNames, loadConfig } from './config.js';

test('defaults: port 3000, embedded database, demo replies outside production', () => {
  const config = loadConfig({});
  expect(config.port).toBe(3000);
  expect(config.database).toEqual({
    url: undefined,
    pgliteDir: './.repruv-data',
    preparedStatements: true,
    baselineCompiler: false,
  });
  expect(config.claude.apiKey).toBeUndefined();
  expect(config.claude.model).toBe('claude-sonnet-5-5');
  expect(config.claude.maxTokens).toBe(1024);
  expect(config.chat).toMatchObject({
    maxContentChars: 32_000,
    contextMessages: 20,
    orphanGraceSeconds: 30,
  });
  expect(config.rateLimit.messagesPerMinute).toBe(120);
});

test('the default model is the newest Sonnet alias the pinned SDK lists', () => {
  const sdkEntry = createRequire(import.meta.url).resolve('@anthropic-ai/sdk');
  const types = readFileSync(join(dirname(sdkEntry), 'resources/messages/messages.d.ts'), 'utf8');
  const listed = [.../export type Model = ([^;]+);/.exec(types)![1]!.matchAll(/'([^']+)'/g)].map(
    (match) => match[1]!,
  );
  // Newest first; an alias carries no date snapshot.
  const newestSonnet = listed.find((model) => /sonnet/.test(model) && !/-\d{8}$/.test(model));
  expect(loadConfig({}).claude.model).toBe(newestSonnet);
  expect(listed).not.toContain('claude-3-5-sonnet-latest');
});

test('ANTHROPIC_* names work as fallbacks for CLAUDE_*', () => {
  const config = loadConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://x' });
  expect(config.claude).toMatchObject({ apiKey: 'k', baseUrl: 'http://x' });
  expect(loadConfig({ CLAUDE_API_KEY: 'a', ANTHROPIC_API_KEY: 'b' }).claude.apiKey).toBe('a');
});

test('production without an API key stops start-up with a clear message', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 's' })).toThrow(
    /CLAUDE_API_KEY/,
  );
});

test('a malformed number is refused with the variable named', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
});

test('every problem is reported at once, each naming its variable', () => {
  const attempt = () =>
    loadConfig({ PORT: '-1', CLAUDE_THREAD: 'maybe', CHAT_MODES: '{not json', LOG_FORMAT: 'x' });
  expect(attempt).toThrow(ConfigError);
  const message = (() => {
    try {
      attempt();
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  })();
  for (const name of ['PORT', 'CLAUDE_THREAD', 'CHAT_MODES', 'LOG_FORMAT']) {
    expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
  }
  expect(message).toContain('CHAT_MODES: must be a JSON object');
});

test('a blank variable counts as unset, so its fallback or default applies', () => {
  const config = loadConfig({ CLAUDE_API_KEY: ' ', ANTHROPIC_API_KEY: 'k', CLAUDE_MODEL: '' });
  expect(config.claude.apiKey).toBe('k');
  expect(config.claude.model.length).toBeGreaterThan(0);
});

test('CHAT_SPECULATIVE_START defaults to on alone and off with Redis; either way it can be set', () => {
  expect(loadConfig({}).chat.speculativeStart).toBe(true);
  expect(loadConfig({ REDIS_URL: 'redis://r' }).chat.speculativeStart).toBe(false);
  expect(
    loadConfig({ REDIS_URL: 'redis://r', CHAT_SPECULATIVE_START: 'on' }).chat.speculativeStart,
  ).toBe(true);
  expect(loadConfig({ CHAT_SPECULATIVE_START: 'off' }).chat.speculativeStart).toBe(false);
});

test('DATABASE_PREPARED_STATEMENTS is on unless set off, and refuses anything else', () => {
  expect(loadConfig({}).database.preparedStatements).toBe(true);
  expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'off' }).database.preparedStatements).toBe(
    false,
  );
  expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(
    /DATABASE_PREPARED_STATEMENTS/,
  );
});

test("the README's configuration table names exactly the variables the server reads", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'))!;
  const documented = new Set(
    [...section.matchAll(/^\| (.+?) \|/gm)].flatMap((row) =>
      [...row[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!),
    ),
  );
  expect([...documented].sort()).toEqual([...new Set(configVariableNames())].sort());
});

test('CLAUDE_PRICES: operators’ prices per model, in US dollars per million tokens', () => {
  expect(loadConfig({}).claude.prices).toEqual({});
  const config = loadConfig({
    CLAUDE_PRICES:
      '{"claude-opus-5": {"input": 4, "output": 20}, "acme-1.5": {"input": 0, "output": 0.25}}',
  });
  expect(config.claude.prices).toEqual({
    'claude-opus-5': { input: 4, output: 20 },
    'acme-1.5': { input: 0, output: 0.25 },
  });
});

test.each([
  ['{not json', /CLAUDE_PRICES: must be a JSON object/],
  ['[1, 2]', /CLAUDE_PRICES: must be a JSON object/],
  ['"claude"', /CLAUDE_PRICES: must be a JSON object/],
  ['{"claude-opus-5": 5}', /CLAUDE_PRICES: claude-opus-5: expected \{"input"/],
  ['{"claude-opus-5": {"input": 5}}', /CLAUDE_PRICES: claude-opus-5: expected/],
  ['{"claude-opus-5": {"input": -1, "output": 5}}', /CLAUDE_PRICES: claude-opus-5: expected/],
  ['{"claude-opus-5": {"input": "5", "output": 5}}', /CLAUDE_PRICES: claude-opus-5: expected/],
  ['{"claude-opus-5": {"input": 5, "output": 5, "cache": 1}}', /CLAUDE_PRICES: claude-opus-5:/],
  ['{"": {"input": 5, "output": 5}}', /CLAUDE_PRICES: "" is not a model id/],
  ['{"a b": {"input": 5, "output": 5}}', /CLAUDE_PRICES: "a b" is not a model id/],
])('CLAUDE_PRICES=%s is refused with a clear ConfigError', (value, message) => {
  expect(() => loadConfig({ CLAUDE_PRICES: value })).toThrow(ConfigError);
  expect(() => loadConfig({ CLAUDE_PRICES: value })).toThrow(message);
});

test('BUDGET_USER_TOKENS_PER_DAY: 200,000 by default, a whole number, 0 for no limit', () => {
  expect(loadConfig({}).budgets.userTokensPerDay).toBe(200_000);
  expect(loadConfig({ BUDGET_USER_TOKENS_PER_DAY: '5000.7' }).budgets.userTokensPerDay).toBe(5000);
  expect(loadConfig({ BUDGET_USER_TOKENS_PER_DAY: '0' }).budgets.userTokensPerDay).toBe(0);
  expect(() => loadConfig({ BUDGET_USER_TOKENS_PER_DAY: 'lots' })).toThrow(
    /BUDGET_USER_TOKENS_PER_DAY/,
  );
});

test('CONNECTIONS_PER_IP defaults to 64, and to no cap behind a proxy (each connection is the proxy’s)', () => {
  expect(loadConfig({}).caps.connectionsPerIp).toBe(64);
  expect(loadConfig({ TRUST_PROXY: '1' }).caps.connectionsPerIp).toBe(0);
  expect(loadConfig({ TRUST_PROXY: '1', CONNECTIONS_PER_IP: '500' }).caps.connectionsPerIp).toBe(
    500,
  );
  expect(loadConfig({ CONNECTIONS_PER_IP: '0' }).caps.connectionsPerIp).toBe(0);
  expect(() => loadConfig({ CONNECTIONS_PER_IP: '-3' })).toThrow(/CONNECTIONS_PER_IP/);
});
