import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A widget dist of its own: the launcher, a panel chunk and the attachments chunk it loads. */
const dist = mkdtempSync(path.join(tmpdir(), 'widget-dist-'));
mkdirSync(path.join(dist, 'chunks'));
writeFileSync(path.join(dist, 'widget.js'), 'console.log("launcher");');
writeFileSync(path.join(dist, 'panel-Ab12Cd34.js'), 'import("./chunks/attachments-Xy98_z76.js");');
writeFileSync(path.join(dist, 'chunks', 'attachments-Xy98_z76.js'), 'export const a = 1;');
writeFileSync(path.join(dist, 'panel.js'), "import './panel-Ab12Cd34.js';");
writeFileSync(path.join(dist, 'secret.js'), 'not for chunks/..');

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ WIDGET_DIST_DIR: dist });
});
afterAll(async () => {
  await t?.close();
});

test('a lazily loaded chunk is served under /widget/chunks/, compressed and cached for good', async () => {
  const response = await fetch(`${t.url}/widget/chunks/attachments-Xy98_z76.js`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('content-encoding')).toBe('gzip');
  expect(await response.text()).toBe('export const a = 1;');
});

test('the panel chunk is still served beside it', async () => {
  const response = await fetch(`${t.url}/widget/panel-Ab12Cd34.js`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(await response.text()).toContain('./chunks/attachments-Xy98_z76.js');
});

test('the panel under its stable name (the console preview loads it) is cached as briefly as the launcher', async () => {
  const response = await fetch(`${t.url}/widget/panel.js`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  expect(await response.text()).toBe("import './panel-Ab12Cd34.js';");
});

test('a chunk that is not there, or a name leaving the chunks folder, is a 404', async () => {
  const missing = await fetch(`${t.url}/widget/chunks/attachments-Nope1234.js`);
  expect(missing.status).toBe(404);
  const escaping = await fetch(`${t.url}/widget/chunks/..%2Fsecret.js`);
  expect(escaping.status).toBe(404);
  const nested = await fetch(`${t.url}/widget/chunks/..%2F..%2Fpackage.json`);
  expect(nested.status).toBe(404);
});
