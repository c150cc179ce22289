import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { registeredRoutes } from '../../src/app.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const OPENAPI_FILE = new URL('../../../../docs/openapi.yaml', import.meta.url);
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace'];

let t: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let spec: any;

beforeAll(async () => {
  t = await startTestServer();
  spec = parse(await readFile(OPENAPI_FILE, 'utf8'));
});
afterAll(async () => {
  await t?.close();
});

function documentedRoutes(): string[] {
  const routes: string[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, object>)) {
    for (const method of Object.keys(item)) {
      if (METHODS.includes(method)) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

test('docs/openapi.yaml is an OpenAPI 3.1 document with paths', () => {
  expect(spec.openapi).toMatch(/^3\.1\./);
  expect(Object.keys(spec.paths).length).toBeGreaterThan(0);
});

test('every route the server registers is documented in docs/openapi.yaml', () => {
  const documented = new Set(documentedRoutes());
  const undocumented = registeredRoutes(t.server.app).filter((route) => !documented.has(route));
  expect(undocumented).toEqual([]);
});

test('every route documented in docs/openapi.yaml is registered by the server', () => {
  const registered = new Set(registeredRoutes(t.server.app));
  expect(registered.size).toBeGreaterThan(0);
  const missing = documentedRoutes().filter((route) => !registered.has(route));
  expect(missing).toEqual([]);
});

test('every documented operation answers something other than an unknown-route 404', async () => {
  const token = await t.tokenFor('alice');
  const id = '00000000-0000-4000-8000-000000000000';
  for (const route of documentedRoutes()) {
    const [method, template] = route.split(' ') as [string, string];
    const path = template.replace(/\{\w+\}/g, id);
    const response = await fetch(`${t.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, Origin: 'http://localhost:5173' },
    });
    const text = await response.text();
    expect(text, route).not.toContain('Route not found');
  }
});
