/** A flood that meets an empty or expired site cache reads the database once, not once per request. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

async function siteReadsDuring(work: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  const count = (query: { sql: string }) => {
    if (/from "sites"/.test(query.sql)) reads++;
  };
  t.server.db.on('query', count);
  try {
    await work();
  } finally {
    t.server.db.off('query', count);
  }
  return reads;
}

test('100 lookups of one key at once, known or made up, read the sites table once each', async () => {
  const site = await t.server.sites.add('Cached', ['https://cached.example']); // empties the cache
  const found = await siteReadsDuring(async () => {
    const sites = await Promise.all(
      Array.from({ length: 100 }, () => t.server.sites.findByKey(site.site_key)),
    );
    expect(sites.every((each) => each?.id === site.id)).toBe(true);
  });
  expect(found).toBe(1);
  const unknown = await siteReadsDuring(async () => {
    const sites = await Promise.all(
      Array.from({ length: 100 }, () => t.server.sites.findByKey('pk_live_made_up')),
    );
    expect(sites.every((each) => each === undefined)).toBe(true);
  });
  expect(unknown).toBe(1);
});

test('100 CORS checks at once read the allowed origins once', async () => {
  await t.server.sites.add('Another', ['https://another.example']);
  const reads = await siteReadsDuring(async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        fetch(`${t.api}/chat/sessions`, {
          method: 'OPTIONS',
          headers: {
            Origin: 'https://another.example',
            'Access-Control-Request-Method': 'POST',
          },
        }),
      ),
    );
    for (const answer of answers) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://another.example');
    }
  });
  expect(reads).toBe(1);
});
