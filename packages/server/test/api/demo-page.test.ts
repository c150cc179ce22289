import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

test('every file the demo page refers to, its icon included, answers 200', async () => {
  const page = await (await fetch(`${t.url}/`)).text();
  const icon = /<link rel="icon" href="([^"]+)"/.exec(page);
  expect(icon, 'an icon link, so browsers do not ask for /favicon.ico').not.toBeNull();
  const referenced = [...page.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1]!);
  expect(referenced).toEqual(expect.arrayContaining(['/favicon.svg', '/demo.css', '/widget.js']));
  for (const file of referenced) {
    const response = await fetch(`${t.url}${file}`);
    expect(response.status, file).toBe(200);
  }
  const svg = await fetch(`${t.url}/favicon.svg`);
  expect(svg.headers.get('content-type')).toBe('image/svg+xml');
});

test('the widget is served as brotli or gzip, whichever the client prefers, and plain otherwise', async () => {
  const { request } = await import('node:http');
  const get = (encoding: string | undefined) =>
    new Promise<{ encoding: string | undefined; vary: string | undefined; bytes: Buffer }>(
      (resolve, reject) => {
        const headers: Record<string, string> = encoding ? { 'Accept-Encoding': encoding } : {};
        request(`${t.url}/widget.js`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              encoding: response.headers['content-encoding'],
              vary: response.headers.vary,
              bytes: Buffer.concat(chunks),
            }),
          );
        })
          .on('error', reject)
          .end();
      },
    );
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  const plain = await get(undefined);
  expect(plain.encoding).toBeUndefined();
  const brotli = await get('gzip, deflate, br');
  expect(brotli.encoding).toBe('br');
  expect(brotliDecompressSync(brotli.bytes).equals(plain.bytes)).toBe(true);
  const gzip = await get('gzip');
  expect(gzip.encoding).toBe('gzip');
  expect(gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);
  expect(brotli.vary).toMatch(/Accept-Encoding/i);
});
