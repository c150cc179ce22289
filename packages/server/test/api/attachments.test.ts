import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { MISSING_ID, expectAttachment, expectError } from '../support/contract.js';
import { attachmentRows, upload, uploaded } from '../support/attachment-api.js';
import { jpegWithGps, pdf, png, solidImage } from '../support/attachment-files.js';
import { startLocalS3, type LocalS3 } from '../support/local-s3.js';
import { useTestServer } from '../support/test-server.js';

/** The same rules on both stores: the bytes in PostgreSQL (the default), and in an S3 bucket. */
describe.each(['postgres', 's3'] as const)('attachments stored in %s', (storage) => {
  const env: Record<string, string> = {};
  let s3: LocalS3 | undefined;
  if (storage === 's3') {
    beforeAll(async () => {
      s3 = await startLocalS3();
      env.ATTACHMENTS_S3_URL = s3.url;
    });
    afterAll(async () => {
      await s3?.stop();
    });
  }
  const t = useTestServer(env);
  const get = (id: string, query = '', as = 'alice') =>
    t.request(`/chat/attachments/${id}${query}`, { as });

  test('an image is re-encoded: long edge 1,568 px, its own format, no metadata; read back as stored', async () => {
    const attachment = await uploaded(t, await png(2400, 1200), { name: 'thumb.png' });
    expectAttachment(attachment);
    expect(attachment).toMatchObject({
      kind: 'image',
      media_type: 'image/png',
      name: 'thumb.png',
      width: 1568,
      height: 784,
      pages: null,
    });
    const response = await get(attachment.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
    expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="thumb.png"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(attachment.size);
    const stored = await sharp(bytes).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['png', 1568, 784]);
    const [row] = await attachmentRows(t).where({ id: attachment.id });
    expect(row.storage).toBe(storage);
    if (storage === 's3') {
      expect(
        s3!.requests.some(
          (line) =>
            line.startsWith(`PUT /attachments/${attachment.id}/original`) ||
            line.includes(`${attachment.id}/original`),
        ),
      ).toBe(true);
      expect(
        await t.server.db('ai_attachment_blobs').where({ attachment_id: attachment.id }),
      ).toEqual([]);
    }
  });

  test('a JPEG with GPS EXIF is kept without any of it', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined(); // the fixture does carry it
    const attachment = await uploaded(t, original, { name: 'holiday.jpg' });
    const bytes = Buffer.from(await (await get(attachment.id)).arrayBuffer());
    const stored = await sharp(bytes).metadata();
    expect(stored.format).toBe('jpeg');
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(bytes.includes(Buffer.from('SecretCam'))).toBe(false);
  });

  test.each(['png', 'jpeg', 'gif', 'webp'] as const)(
    'a %s is taken, whatever its name and declared type',
    async (format) => {
      const attachment = await uploaded(t, await solidImage(format), {
        name: 'notes.txt',
        type: 'text/plain',
      });
      expect(attachment.media_type).toBe(`image/${format}`);
      expect([attachment.width, attachment.height]).toEqual([40, 30]);
    },
  );

  test('the thumbnail is a WebP of at most 256 px', async () => {
    const attachment = await uploaded(t, await png(1000, 500));
    const response = await get(attachment.id, '?variant=thumbnail');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 128]);
  });

  test('a PDF is a document with its page count, downloaded as an attachment; it has no thumbnail', async () => {
    const bytes = await pdf(3);
    const attachment = await uploaded(t, bytes, { name: 'media kit.pdf' });
    expect(attachment).toMatchObject({
      kind: 'document',
      media_type: 'application/pdf',
      pages: 3,
      size: bytes.length,
      width: null,
    });
    const response = await get(attachment.id);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="media kit.pdf"/,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    await expectError(await get(attachment.id, '?variant=thumbnail'), 400, 'invalid_request');
  });

  test("another user's attachment, and one that does not exist, are 404; a bad id or variant 400", async () => {
    const attachment = await uploaded(t, await solidImage('png'));
    await expectError(await get(attachment.id, '', 'mallory'), 404, 'not_found');
    await expectError(await get(attachment.id, '?variant=thumbnail', 'mallory'), 404, 'not_found');
    await expectError(await get(MISSING_ID), 404, 'not_found');
    await expectError(await get('not-a-uuid'), 400, 'invalid_request');
    await expectError(await get(attachment.id, '?variant=huge'), 400, 'invalid_request');
    await expectError(
      await t.request(`/chat/attachments/${attachment.id}`, { as: null }),
      401,
      'unauthorized',
    );
  });

  test('a name loses its folders, keeps its UTF-8, and is given one by type when empty', async () => {
    const named = await uploaded(t, await solidImage('png'), { name: '../../etc/café €.png' });
    expect(named.name).toBe('café €.png');
    const unnamed = await uploaded(t, await pdf(), { name: '  ' });
    expect(unnamed.name).toBe('document.pdf');
    const disposition = (await get(named.id)).headers.get('content-disposition');
    expect(disposition).toBe(
      `inline; filename="caf_ _.png"; filename*=UTF-8''${encodeURIComponent('café €.png')}`,
    );
  });

  test('deleting the session deletes its attachments, rows and bytes', async () => {
    const session = (await (
      await t.request('/chat/sessions', { method: 'POST', json: {} })
    ).json()) as { id: string };
    const attachment = await uploaded(t, await solidImage('png'));
    const sent = await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content: 'look', attachment_ids: [attachment.id] },
    });
    expect(sent.status).toBe(201);
    expect((await t.request(`/chat/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(await attachmentRows(t).where({ id: attachment.id })).toEqual([]);
    expect(await t.server.attachments.store.get(attachment.id, 'original')).toBeUndefined();
    expect(await t.server.attachments.store.get(attachment.id, 'thumbnail')).toBeUndefined();
    await expectError(await get(attachment.id), 404, 'not_found');
  });

  test('uploads never sent are swept after their TTL, bytes too; sent ones stay', async () => {
    const kept = await uploaded(t, await solidImage('png'));
    const session = (await (
      await t.request('/chat/sessions', { method: 'POST', json: {} })
    ).json()) as { id: string };
    await t.request('/chat/messages', {
      method: 'POST',
      json: { session_id: session.id, content: 'x', attachment_ids: [kept.id] },
    });
    const fresh = await uploaded(t, await solidImage('png'));
    const stale = await uploaded(t, await solidImage('png'));
    const dayAgo = new Date(Date.now() - 86_400_000 - 60_000);
    await attachmentRows(t).whereIn('id', [stale.id, kept.id]).update({ created_at: dayAgo });
    expect(await t.server.attachments.sweepOrphans()).toBeGreaterThanOrEqual(1);
    const left = (await attachmentRows(t).whereIn('id', [kept.id, fresh.id, stale.id])).map(
      (row: { id: string }) => row.id,
    );
    expect(left.sort()).toEqual([kept.id, fresh.id].sort());
    expect(await t.server.attachments.store.get(stale.id, 'original')).toBeUndefined();
    expect(await t.server.attachments.store.get(kept.id, 'original')).toBeDefined();
  });

  test('an upload without a file, with two files, or not multipart is 400, and stores nothing', async () => {
    const before = (await attachmentRows(t)).length;
    const empty = new FormData();
    empty.append('note', 'no file here');
    await expectError(
      await t.request('/chat/attachments', { method: 'POST', body: empty }),
      400,
      'invalid_request',
    );
    const two = new FormData();
    two.append('file', new Blob([await solidImage('png')]), 'a.png');
    two.append('file', new Blob([await solidImage('png')]), 'b.png');
    await expectError(
      await t.request('/chat/attachments', { method: 'POST', body: two }),
      400,
      'invalid_request',
    );
    await expectError(
      await upload(t, await solidImage('png'), { field: 'image' }),
      400,
      'invalid_request',
    );
    await expectError(
      await t.request('/chat/attachments', { method: 'POST', json: { file: 'x' } }),
      400,
      'invalid_request',
    );
    await expectError(await upload(t, Buffer.alloc(0)), 400, 'invalid_request');
    await expectError(await upload(t, await solidImage('png'), { as: null }), 401, 'unauthorized');
    expect((await attachmentRows(t)).length).toBe(before);
  });
});
