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
