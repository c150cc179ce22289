import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import { attachmentRows, upload, uploaded } from '../support/attachment-api.js';
import {
  HTML_PAGE,
  SVG_WITH_SCRIPT,
  ZIP_ARCHIVE,
  encryptedPdf,
  pdf,
  pdfWithJavaScript,
  png,
  pngBomb,
  pngHtmlPolyglot,
} from '../support/attachment-files.js';
import { LOCAL_ORIGIN, requestGuestToken } from '../support/guests.js';
import { eventually } from '../support/http.js';
import { useTestServer } from '../support/test-server.js';

const IMAGE_LIMIT = 300_000;
const t = useTestServer({
  ATTACHMENTS_MAX_IMAGE_BYTES: String(IMAGE_LIMIT),
  ATTACHMENTS_MAX_DOCUMENT_BYTES: '2000000',
  ATTACHMENTS_QUOTA_BYTES: '3000000',
  ATTACHMENTS_GUEST_QUOTA_BYTES: '1500000',
});

const uploadsInTmp = () =>
  readdirSync(tmpdir()).filter((name) => name.startsWith('repruv-upload-'));

/** Refused with `status`/`code`, and nothing of it stored or left on disk. */
async function expectRefused(response: Response, status: number, code: string) {
  const before = await attachmentRows(t).count({ n: '*' });
  const body = await expectError(response, status, code);
  expect(await attachmentRows(t).count({ n: '*' })).toEqual(before);
  return body;
}

describe('hostile files get a clear 4xx and store nothing', () => {
  test.each([
    ['an SVG with a script', () => SVG_WITH_SCRIPT, 'logo.svg', 415, 'unsupported_media_type'],
    ['an HTML page named .png', () => HTML_PAGE, 'photo.png', 415, 'unsupported_media_type'],
    ['a PNG/HTML polyglot', pngHtmlPolyglot, 'photo.png', 415, 'unsupported_media_type'],
    ['a zip named .pdf', () => ZIP_ARCHIVE, 'kit.pdf', 415, 'unsupported_media_type'],
    ['a PDF with JavaScript', pdfWithJavaScript, 'kit.pdf', 415, 'unsupported_media_type'],
    ['an encrypted PDF', encryptedPdf, 'kit.pdf', 415, 'unsupported_media_type'],
    [
      'plain text',
      () => Buffer.from('just some words'),
      'notes.png',
      415,
      'unsupported_media_type',
    ],
    [
      'a truncated PNG',
      async () => (await png(300, 200)).subarray(0, 5_000),
      'cut.png',
      400,
      'invalid_request',
    ],
    ['a PDF of 101 pages', () => pdf(101), 'long.pdf', 413, 'payload_too_large'],
  ] as const)('%s', async (_what, make, name, status, code) => {
    const bytes = await make();
    const body = await expectRefused(
      await upload(t, bytes, { name, type: 'image/png' }),
      status,
      code,
    );
    expect(body.error.message).not.toMatch(/stack|at \w+ \(/);
    expect(uploadsInTmp()).toEqual([]);
  });

  test('a decompression bomb (50,000 × 50,000 px in a few KB) is refused from its header, memory bounded', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(50_000);
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      const body = await expectRefused(
        await upload(t, bomb, { name: 'bomb.png' }),
        413,
        'payload_too_large',
      );
      expect(body.error.details).toMatchObject({ limit_pixels: 8000, actual: '50000x50000' });
    }
    // Decoding even one would need 7.5 GB; refused from the header, the server grew by far less.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  test('an image over the size limit is refused, declared or streamed, and names the limit', async () => {
    const big = await png(600, 600);
    expect(big.length).toBeGreaterThan(IMAGE_LIMIT);
    const declared = await expectRefused(
      await upload(t, big, { name: 'big.png' }),
      413,
      'payload_too_large',
    );
    expect(declared.error.message).toMatch(/limit/);
    expect(declared.error.details.limit_bytes).toBe(IMAGE_LIMIT);
    // Chunked, with no Content-Length: counted as it streams, refused as it passes the limit.
    const form = new FormData();
    form.append('file', new Blob([big]), 'big.png');
    const body = new Response(form);
    const streamed = await t.request('/chat/attachments', {
      method: 'POST',
      headers: { 'Content-Type': body.headers.get('content-type')! },
      body: body.body,
      duplex: 'half',
    } as RequestInit);
    const refused = await expectRefused(streamed, 413, 'payload_too_large');
    expect(refused.error.details.limit_bytes).toBe(IMAGE_LIMIT);
    expect(uploadsInTmp()).toEqual([]);
  });

  test('a user over the quota is refused with quota_exceeded; another user is not', async () => {
    const file = await pdf(1);
    const perFile = file.length;
    const room = Math.floor(3_000_000 / perFile);
    const padded = Buffer.concat([file, Buffer.alloc(1_400_000 - perFile, 0x20)]); // a PDF with trailing space
    await uploaded(t, padded, { as: 'hoarder', name: 'a.pdf' });
    await uploaded(t, padded, { as: 'hoarder', name: 'b.pdf' });
    const refused = await expectRefused(
      await upload(t, padded, { as: 'hoarder', name: 'c.pdf' }),
      413,
      'quota_exceeded',
    );
    expect(refused.error.details).toMatchObject({ quota_bytes: 3_000_000, used_bytes: 2_800_000 });
    expect(room).toBeGreaterThan(2);
    await uploaded(t, padded, { as: 'someone-else', name: 'c.pdf' });
  });

  test("a site's visitor (a guest token) has the smaller guest quota", async () => {
    const site = await t.server.sites.add('Host', [LOCAL_ORIGIN]);
    const minted = (await (await requestGuestToken(t, { site_key: site.site_key })).json()) as {
      token: string;
    };
    const headers = { Authorization: `Bearer ${minted.token}` };
    const padded = Buffer.concat([await pdf(1), Buffer.alloc(1_000_000, 0x20)]);
    const send = () => {
      const form = new FormData();
      form.append('file', new Blob([padded]), 'kit.pdf');
      return t.request('/chat/attachments', { method: 'POST', body: form, headers, as: null });
    };
    expect((await send()).status).toBe(201);
    const refused = await expectRefused(await send(), 413, 'quota_exceeded');
    expect(refused.error.details.quota_bytes).toBe(1_500_000);
  });

  test('two uploads at once cannot both squeeze into the last room of a quota', async () => {
    const padded = Buffer.concat([await pdf(1), Buffer.alloc(1_000_000, 0x20)]);
    await uploaded(t, padded, { as: 'racer' }); // room is left for one more, not two
    const answers = await Promise.all([
      upload(t, padded, { as: 'racer' }),
      upload(t, padded, { as: 'racer' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 413]);
  });

  test('a client that disconnects mid-upload leaves nothing behind', async () => {
    const before = await attachmentRows(t).count({ n: '*' });
    const token = await t.tokenFor('alice');
    const { port } = new URL(t.url);
    const boundary = 'cut-here';
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      [
        'POST /api/v1/chat/attachments HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        'Content-Length: 250000', // under every limit: the body is taken in
        '',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="half.png"',
        'Content-Type: image/png',
        '',
        '',
      ].join('\r\n'),
    );
    socket.write((await png(400, 400)).subarray(0, 60_000));
    await eventually(async () => uploadsInTmp().length === 1);
    socket.destroy();
    await eventually(async () => uploadsInTmp().length === 0);
    expect(await attachmentRows(t).count({ n: '*' })).toEqual(before);
  });
});
