/**
 * client.attachments against the real server (Claude faked at its HTTP boundary): a real PNG
 * made with sharp is uploaded, sent with a message, seen by Claude, and read back as stored
 * and as its thumbnail; the server's refusals arrive as the SDK's typed errors.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  QuotaExceededError,
  UnsupportedMediaTypeError,
  type Attachment,
  type UploadProgress,
} from '../../src/index.js';
import { clientFor, rejectionOf, useTestServer } from './support.js';

// Small limits, so that one noisy image passes the size limit and two pass the quota.
const MAX_IMAGE_BYTES = 200_000;
const QUOTA_BYTES = 60_000;
const t = useTestServer({
  ATTACHMENTS_MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES),
  ATTACHMENTS_QUOTA_BYTES: String(QUOTA_BYTES),
});

/** A PNG of one colour: a few hundred bytes however large. */
function flatPng(width: number, height: number): Promise<Buffer> {
  const background = { r: 30, g: 120, b: 200 };
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/** A PNG of random pixels: about 3 bytes a pixel, since noise does not compress. */
function noisyPng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

async function imageOf(blob: Blob) {
  const { format, width, height } = await sharp(Buffer.from(await blob.arrayBuffer())).metadata();
  return { format, width, height };
}

async function session(client: ReturnType<typeof clientFor>) {
  return client.sessions.create({ title: 'Attachments' });
}

describe('attachments against the real server', () => {
  it('uploads a PNG, sends it with a message that Claude sees, and reads it back', async () => {
    const client = clientFor(t, 'att-alice');
    const png = await flatPng(600, 400);
    const reports: UploadProgress[] = [];
    const attachment = await client.attachments.upload(png, {
      name: 'chart.png',
      onProgress: (progress) => reports.push(progress),
    });
    expect(attachment).toMatchObject({
      kind: 'image',
      media_type: 'image/png',
      name: 'chart.png',
      width: 600,
      height: 400,
      pages: null,
    });
    expect(attachment.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(attachment.size).toBeGreaterThan(0);
    expect(reports).toEqual([
      { loaded: 0, total: png.length },
      { loaded: png.length, total: png.length },
    ]);

    const { id: sessionId } = await session(client);
    const stream = client.messages.stream({
      sessionId,
      content: 'What does this chart show?',
      attachmentIds: [attachment.id],
    });
    const reply = await stream.finalMessage();
    expect(reply.status).toBe('complete');
    expect(stream.userMessage?.attachments).toEqual([attachment]);

    // Claude got the stored bytes as an image block, before the text.
    const original = await client.attachments.get(attachment.id);
    expect(original.type).toBe('image/png');
    expect(original.size).toBe(attachment.size);
    expect(await imageOf(original)).toEqual({ format: 'png', width: 600, height: 400 });
    const sent = t.claude.requests.at(-1)!.body.messages.at(-1);
    expect(sent.role).toBe('user');
    expect(sent.content[0]).toMatchObject({
      type: 'image',
      source: {
        type: 'base64',
        media_type: 'image/png',
        data: Buffer.from(await original.arrayBuffer()).toString('base64'),
      },
    });
    expect(sent.content.at(-1)).toMatchObject({ type: 'text', text: 'What does this chart show?' });

    const thumbnail = await client.attachments.get(attachment.id, { variant: 'thumbnail' });
    expect(thumbnail.type).toBe('image/webp');
    const small = await imageOf(thumbnail);
    expect(small.format).toBe('webp');
    expect(Math.max(small.width!, small.height!)).toBeLessThanOrEqual(256);

    // The history keeps the attachment on the user message.
    const page = await client.messages.list(sessionId);
    const user = page.data.find((message) => message.role === 'user')!;
    expect(user.attachments).toEqual([attachment]);
  });

  it('sends a message of attachments only, and stores images scaled to 1,568 px', async () => {
    const client = clientFor(t, 'att-only');
    const big = await client.attachments.upload(await flatPng(2000, 1000), { name: 'wide.png' });
    expect(big).toMatchObject({ width: 1568, height: 784 });
    const { id: sessionId } = await session(client);
    const { user_message } = await client.messages.send({
      sessionId,
      content: '',
      attachmentIds: [big.id],
    });
    expect(user_message).toMatchObject({ content: '', attachments: [big] });
  });

  it('keeps a file name with non-ASCII characters', async () => {
    const client = clientFor(t, 'att-names');
    const attachment = await client.attachments.upload(await flatPng(10, 10), {
      name: 'café €.png',
    });
    expect(attachment.name).toBe('café €.png');
  });

  it('refuses what is not an image or a PDF, and other users', async () => {
    const alice = clientFor(t, 'att-owner');
    const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
    const refused = await rejectionOf(alice.attachments.upload(html, { name: 'cat.png' }));
    expect(refused).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(refused).toMatchObject({ status: 415, code: 'unsupported_media_type' });

    const mine = await alice.attachments.upload(await flatPng(20, 20));
    const bob = clientFor(t, 'att-stranger');
    expect(await rejectionOf(bob.attachments.get(mine.id))).toBeInstanceOf(NotFoundError);
    const { id: bobSession } = await session(bob);
    const stolen = await rejectionOf(
      bob.messages.send({ sessionId: bobSession, content: 'Hi', attachmentIds: [mine.id] }),
    );
    expect(stolen).toBeInstanceOf(InvalidRequestError);
    expect(stolen).toMatchObject({ details: { field: 'attachment_ids' } });
  });

  it('an attachment is sent with one message only', async () => {
    const client = clientFor(t, 'att-once');
    const attachment: Attachment = await client.attachments.upload(await flatPng(30, 30));
    const { id: sessionId } = await session(client);
    await client.messages.send({ sessionId, content: 'First', attachmentIds: [attachment.id] });
    const again = await rejectionOf(
      client.messages.send({ sessionId, content: 'Again', attachmentIds: [attachment.id] }),
    );
    expect(again).toBeInstanceOf(InvalidRequestError);
  });

  it('maps an image over the size limit to PayloadTooLargeError with its details', async () => {
    const client = clientFor(t, 'att-large');
    const large = await noisyPng(300); // about 270 KB
    expect(large.length).toBeGreaterThan(MAX_IMAGE_BYTES);
    const error = await rejectionOf(client.attachments.upload(large, { name: 'noise.png' }));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      details: { limit_bytes: MAX_IMAGE_BYTES },
    });
  });

  it('maps a full quota to QuotaExceededError with its details', async () => {
    const client = clientFor(t, 'att-quota');
    const first = await client.attachments.upload(await noisyPng(120)); // about 43 KB
    const error = await rejectionOf(client.attachments.upload(await noisyPng(120)));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).not.toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({
      status: 413,
      code: 'quota_exceeded',
      details: { quota_bytes: QUOTA_BYTES, used_bytes: first.size },
    });
  });
});
