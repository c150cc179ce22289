/**
 * Paths are case-sensitive everywhere: a route reached as `/API/v1/…` or `/api/v1/Admin/…` once
 * skipped its router's guards (the chat API's token check, the console's operator and CSRF checks)
 * because @koa/router matched routes without regard to case but guards with it.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();
const OPENAPI_FILE = new URL('../../../../docs/openapi.yaml', import.meta.url);
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const ID = '00000000-0000-4000-8000-000000000000';

/** The path with one segment's case changed, every way that matters: each segment in turn. */
function recased(path: string): string[] {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (!/[a-z]/.test(segment)) return undefined;
      const changed = [...segments];
      changed[i] = segment.toUpperCase();
      return changed.join('/');
    })
    .filter((p): p is string => p !== undefined);
}

test('every documented route with a segment in another case answers 404, with or without a token', async () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const spec: any = parse(await readFile(OPENAPI_FILE, 'utf8'));
  const token = await t.tokenFor('alice');
  const seen: string[] = [];
  for (const [template, item] of Object.entries(spec.paths as Record<string, object>)) {
    const path = template.replace(/\{site_key\}/g, 'pk_dev').replace(/\{\w+\}/g, ID);
    for (const method of Object.keys(item).filter((m) => METHODS.includes(m))) {
      for (const variant of recased(path)) {
        if (variant.toUpperCase().startsWith('/WIDGET') && variant.endsWith('.JS')) continue;
        for (const headers of [{}, { Authorization: `Bearer ${token}` }] as Array<
          Record<string, string>
        >) {
          const response = await fetch(`${t.url}${variant}`, {
            method: method.toUpperCase(),
            headers: { ...headers, Origin: t.url },
          });
          await response.arrayBuffer();
          if (response.status !== 404)
            seen.push(`${method.toUpperCase()} ${variant} → ${response.status}`);
        }
      }
    }
  }
  expect(seen).toEqual([]);
});
