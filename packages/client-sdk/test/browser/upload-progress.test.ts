/**
 * The XMLHttpRequest path of attachments.upload, in Debian's Chromium (playwright-core, nothing
 * downloaded): the built SDK (`dist/index.js`, `npm run build -w @repruv/client-sdk`) loaded in a
 * page, uploading to a node:http server on the page's own origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepruvClient as Client } from '../../src/index.js';
import {
  errorAnswer,
  multipartParts,
  useUploadServer,
  type ReceivedRequest,
} from '../support/upload-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SDK = new URL('../../dist/index.js', import.meta.url);
const FILE_BYTES = 3_000_000;

const stored = { id: '0b7e1c4a-2f3d-4e5f-9a8b-1c2d3e4f5a6b', name: 'big.png' };

const server = useUploadServer((request) => {
  if (request.url === '/') {
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: Buffer.from('<!doctype html><title>SDK</title>'),
    };
  }
  if (request.url === '/sdk.js') {
    return { status: 200, headers: { 'Content-Type': 'text/javascript' }, body: readFileSync(SDK) };
  }
  if (request.headers.authorization !== 'Bearer good') return errorAnswer(401, 'unauthorized');
  return { status: 201, headers: { 'X-Request-Id': 'req-stored' }, body: stored };
});

let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: install it or set CHROMIUM_PATH`);
  if (!existsSync(SDK))
    throw new Error('No dist/index.js: run npm run build -w @repruv/client-sdk');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});
afterAll(() => browser?.close());
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
  // A module script, not import() in evaluate: vitest rewrites the test file's dynamic imports.
  await page.addScriptTag({
    type: 'module',
    content: `import { RepruvClient } from '/sdk.js'; window.RepruvClient = RepruvClient;`,
  });
  await page.waitForFunction(() => 'RepruvClient' in window);
  server.requests.length = 0;
});

interface PageUpload {
  attachment?: unknown;
  error?: Record<'name' | 'code' | 'status' | 'requestId' | 'details' | 'retryAfter', unknown>;
  reports: { loaded: number; total: number }[];
}

/** Uploads FILE_BYTES bytes from the page; `tokens` are its getToken's answers, in turn. */
function uploadInPage(
  options: { tokens?: string[]; abortWhenSent?: boolean } = {},
): Promise<PageUpload> {
  return page.evaluate(
    async ({ size, tokens, abortWhenSent }) => {
      const { RepruvClient } = window as unknown as { RepruvClient: typeof Client };
      const client = new RepruvClient({ baseUrl: location.origin, getToken: () => tokens.shift() });
      const controller = new AbortController();
      const reports: { loaded: number; total: number }[] = [];
      const onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
        reports.push({ loaded, total });
        if (abortWhenSent && loaded === total) controller.abort();
      };
      const bytes = new Uint8Array(size).map((_, i) => i % 251);
      try {
        const attachment = await client.attachments.upload(new Blob([bytes]), {
          name: 'big.png',
          onProgress,
          signal: controller.signal,
        });
        return { attachment, reports };
      } catch (e) {
        const { name, code, status, requestId, details, retryAfter } = e as Record<string, never>;
        return { error: { name, code, status, requestId, details, retryAfter }, reports };
      }
    },
    {
      size: FILE_BYTES,
      tokens: options.tokens ?? ['good'],
      abortWhenSent: options.abortWhenSent ?? false,
    },
  );
}

async function uploadedFile(request: ReceivedRequest) {
  const parts = await multipartParts(request);
  expect(parts.map(([field]) => field)).toEqual(['file']);
  const file = parts[0]![1] as File;
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    name: file.name,
    size: bytes.length,
    sample: [bytes[0], bytes[250], bytes[251], bytes.at(-1)],
  };
}

const lastByte = (FILE_BYTES - 1) % 251;

describe('attachments.upload in a browser (XMLHttpRequest)', () => {
  it('reports the body as it is sent, up to all of it, and stores the file', async () => {
    const { attachment, reports, error } = await uploadInPage();
    expect(error).toBeUndefined();
    expect(attachment).toEqual(stored);
    expect(reports.length).toBeGreaterThan(0);
    const { total } = reports[0]!;
    expect(total).toBeGreaterThan(FILE_BYTES); // the multipart body: the file and its part headers
    expect(reports.every((r) => r.total === total)).toBe(true);
    const loaded = reports.map((r) => r.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(reports.at(-1)).toEqual({ loaded: total, total });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/chat/attachments' });
    expect(request!.headers.authorization).toBe('Bearer good');
    expect(await uploadedFile(request!)).toEqual({
      name: 'big.png',
      size: FILE_BYTES,
      sample: [0, 250, 0, lastByte],
    });
  });

  it('maps a refusal to its typed error, with its details', async () => {
    const details = { quota_bytes: 200_000_000, used_bytes: 199_000_000 };
    server.answers.push(errorAnswer(413, 'quota_exceeded', { details }));
    const { error } = await uploadInPage();
    expect(error).toMatchObject({
      name: 'QuotaExceededError',
      code: 'quota_exceeded',
      status: 413,
      details,
    });
  });

  it("reads the answer's headers from the XHR: Retry-After and X-Request-Id", async () => {
    server.answers.push({
      status: 429,
      headers: { 'Retry-After': '30', 'X-Request-Id': 'req-from-header' },
      body: { error: { code: 'rate_limited', message: 'Slow down' } },
    });
    const { error } = await uploadInPage();
    expect(error).toMatchObject({
      name: 'RateLimitError',
      retryAfter: 30,
      requestId: 'req-from-header',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('renews the token after a 401 and sends the file again, reporting it again from 0', async () => {
    const { attachment, reports } = await uploadInPage({ tokens: ['expired', 'good'] });
    expect(attachment).toEqual(stored);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer expired',
      'Bearer good',
    ]);
    expect((await uploadedFile(server.requests[1]!)).size).toBe(FILE_BYTES);
    const fullReports = reports.filter((r) => r.loaded === r.total);
    expect(fullReports).toHaveLength(2);
  });

  it('a 503 refusal is waited out and the file sent again', async () => {
    server.answers.push(errorAnswer(503, 'overloaded', { headers: { 'Retry-After': '0' } }));
    const { attachment } = await uploadInPage();
    expect(attachment).toEqual(stored);
    expect(server.requests).toHaveLength(2);
  });

  it('aborts with AbortError while waiting for the answer', async () => {
    server.fallback = () => ({ status: 0, hang: true }); // the page has loaded the SDK already
    const { error, attachment } = await uploadInPage({ abortWhenSent: true });
    expect(attachment).toBeUndefined();
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
  });
});
