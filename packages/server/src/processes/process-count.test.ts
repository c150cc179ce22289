import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { serverProcessCount } from './process-count.js';

const SHARED = { DATABASE_URL: 'postgres://db/app', REDIS_URL: 'redis://cache' };
const PRODUCTION = { NODE_ENV: 'production', CLAUDE_API_KEY: 'k', AUTH_JWT_SECRET: 's', ...SHARED };

test('unset: one process per core in production with PostgreSQL and Redis, otherwise one', () => {
  expect(serverProcessCount(loadConfig(PRODUCTION), 8)).toBe(8);
  expect(serverProcessCount(loadConfig({ ...PRODUCTION, REDIS_URL: '' }), 8)).toBe(1);
  expect(serverProcessCount(loadConfig({ ...PRODUCTION, DATABASE_URL: '' }), 8)).toBe(1);
  expect(serverProcessCount(loadConfig(SHARED), 8)).toBe(1); // development
  expect(serverProcessCount(loadConfig({}), 8)).toBe(1);
});

test('WEB_CONCURRENCY chooses, in development too; 1 keeps one process in production', () => {
  expect(serverProcessCount(loadConfig({ ...SHARED, WEB_CONCURRENCY: '3' }), 8)).toBe(3);
  expect(serverProcessCount(loadConfig({ ...PRODUCTION, WEB_CONCURRENCY: '1' }), 8)).toBe(1);
});

test('more than one process needs PostgreSQL and Redis, and says so', () => {
  expect(() => serverProcessCount(loadConfig({ WEB_CONCURRENCY: '2' }))).toThrow(
    /WEB_CONCURRENCY=2 needs DATABASE_URL/,
  );
  expect(() =>
    serverProcessCount(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/app' })),
  ).toThrow(ConfigError);
});

test('WEB_CONCURRENCY must be a number', () => {
  expect(() => loadConfig({ WEB_CONCURRENCY: 'many' })).toThrow(/WEB_CONCURRENCY/);
});
