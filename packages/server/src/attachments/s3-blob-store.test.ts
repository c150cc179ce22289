import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../test/support/local-s3.js';
import type { BlobVariant } from './blob-store.js';
import { S3BlobStore, s3StoreOptionsFromUrl, type S3StoreOptions } from './s3-blob-store.js';

const VARIANTS: BlobVariant[] = ['original', 'thumbnail'];

describe('S3BlobStore against a local S3-compatible server', () => {
  let s3: LocalS3;
  let fileDir: string;
  const stores: S3BlobStore[] = [];

  function storeFor(url: string): S3BlobStore {
    const store = new S3BlobStore(s3StoreOptionsFromUrl(url));
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    s3 = await startLocalS3();
    fileDir = await mkdtemp(join(tmpdir(), 'repruv-s3-files-'));
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  afterAll(async () => {
    await s3?.stop();
    if (fileDir) await rm(fileDir, { recursive: true, force: true });
  });

  it('keeps both variants from a Buffer and gives back the same bytes', async () => {
    const store = storeFor(s3.url);
    const id = randomUUID();
    const original = randomBytes(50_000);
    const thumbnail = randomBytes(3_000);

    await store.put(id, 'original', original, 'image/png');
    await store.put(id, 'thumbnail', thumbnail, 'image/webp');

    expect((await store.get(id, 'original'))?.equals(original)).toBe(true);
    expect((await store.get(id, 'thumbnail'))?.equals(thumbnail)).toBe(true);
  });

  it('keeps both variants streamed from files on disk and gives back the same bytes', async () => {
    const store = storeFor(s3.url);
    const id = randomUUID();
    const bytes = { original: randomBytes(300_000), thumbnail: randomBytes(2_000) };

    for (const variant of VARIANTS) {
      const path = join(fileDir, `${id}-${variant}`);
      await writeFile(path, bytes[variant]);
      await store.put(id, variant, { path, size: bytes[variant].length }, 'application/pdf');
    }

    for (const variant of VARIANTS) {
      const got = await store.get(id, variant);
      expect(got?.length).toBe(bytes[variant].length);
      expect(got?.equals(bytes[variant])).toBe(true);
    }
  });

  it('replaces what was kept under the same id and variant', async () => {
    const store = storeFor(s3.url);
    const id = randomUUID();
    await store.put(id, 'original', Buffer.from('first'), 'image/png');
    await store.put(id, 'original', Buffer.from('second'), 'image/png');

    expect((await store.get(id, 'original'))?.toString()).toBe('second');
  });

  it('names objects <prefix>/<id>/<variant> with the media type as their Content-Type', async () => {
    const store = storeFor(`${s3.url}/tenant-a/uploads`);
    const id = randomUUID();
    await store.put(id, 'thumbnail', Buffer.from('thumb'), 'image/webp');

    const options = s3StoreOptionsFromUrl(s3.url);
    const client = new S3Client(clientConfig(options));
    try {
      const object = await client.send(
        new GetObjectCommand({ Bucket: s3.bucket, Key: `tenant-a/uploads/${id}/thumbnail` }),
      );
      expect(object.ContentType).toBe('image/webp');
      expect(await object.Body?.transformToString()).toBe('thumb');
    } finally {
      client.destroy();
    }
    expect(await storeFor(s3.url).get(id, 'thumbnail')).toBeUndefined();
  });

  it('answers undefined for an id it never kept, and for a variant it never kept', async () => {
    const store = storeFor(s3.url);
    expect(await store.get(randomUUID(), 'original')).toBeUndefined();

    const id = randomUUID();
    await store.put(id, 'original', Buffer.from('only the original'), 'image/png');
    expect(await store.get(id, 'thumbnail')).toBeUndefined();
  });

  it('deletes every variant of several ids, ids never stored among them, and nothing else', async () => {
    const store = storeFor(s3.url);
    const [first, second, kept] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [first, second, kept]) {
      for (const variant of VARIANTS) await store.put(id, variant, Buffer.from(id), 'image/png');
    }

    await store.delete([first, randomUUID(), second, randomUUID()]);

    for (const id of [first, second]) {
      for (const variant of VARIANTS) expect(await store.get(id, variant)).toBeUndefined();
    }
    expect((await store.get(kept, 'original'))?.toString()).toBe(kept);
    await store.delete([]);
  });

  it('deletes 1,001 ids (2,002 keys) in batches of at most 1,000 keys', async () => {
    const store = storeFor(s3.url);
    const ids = Array.from({ length: 1_001 }, () => randomUUID());
    // Keys 0-1, 1,200-1,201 and 2,000-2,001: in the first, second and third batch.
    const stored = [ids[0], ids[600], ids[1_000]] as string[];
    for (const id of stored) {
      await store.put(id, 'original', Buffer.from(id), 'image/png');
      await store.put(id, 'thumbnail', Buffer.from(id), 'image/webp');
    }
    const deletesBefore = multiObjectDeletes(s3.requests);

    await store.delete(ids);

    expect(multiObjectDeletes(s3.requests) - deletesBefore).toBe(3);
    for (const id of stored) {
      for (const variant of VARIANTS) expect(await store.get(id, variant)).toBeUndefined();
    }
  });

  it('check() passes for an existing bucket', async () => {
    await expect(storeFor(s3.url).check()).resolves.toBeUndefined();
  });

  it('check() says the bucket does not exist', async () => {
    const url = s3.url.replace(/\/attachments$/, '/no-such-bucket');
    await expect(storeFor(url).check()).rejects.toThrow(
      /S3 bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ \(ATTACHMENTS_S3_URL\) does not exist/,
    );
  });

  it('check() says access is denied for credentials the store refuses, without quoting them', async () => {
    // s3rver checks the access key only (it does not verify SigV4 signatures).
    const url = s3.url.replace('S3RVER:S3RVER@', 'UNKNOWN-KEY:wrong-s3cret@');
    const failure = await storeFor(url)
      .check()
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/"attachments" .* access denied \(HTTP 403\)/);
    expect((failure as Error).message).not.toContain('wrong-s3cret');
  });

  it('check() says the store is unreachable on a port where nothing listens', async () => {
    const port = await closedPort();
    const store = storeFor(`http://S3RVER:S3RVER@127.0.0.1:${port}/attachments`);
    await expect(store.check()).rejects.toThrow(
      new RegExp(`at http://127\\.0\\.0\\.1:${port} \\(ATTACHMENTS_S3_URL\\) is unreachable`),
    );
  });
});

describe('s3StoreOptionsFromUrl', () => {
  it('reads endpoint, bucket and percent-decoded credentials, region us-east-1 by default', () => {
    expect(
      s3StoreOptionsFromUrl('https://AKIA%2BKEY:se%2Fcr%40et%3A+x@s3.example.com/bucket'),
    ).toEqual({
      endpoint: 'https://s3.example.com',
      bucket: 'bucket',
      prefix: '',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIA+KEY', secretAccessKey: 'se/cr@et:+x' },
    } satisfies S3StoreOptions);
  });

  it('reads a prefix of several segments, a port, a region and plain http', () => {
    expect(
      s3StoreOptionsFromUrl('http://key:secret@127.0.0.1:9000/bucket/a/b%20c/?region=eu-west-3'),
    ).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'bucket',
      prefix: 'a/b c',
      region: 'eu-west-3',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    });
  });

  it('leaves credentials to the SDK when the URL has none', () => {
    const options = s3StoreOptionsFromUrl('https://s3.eu-west-3.amazonaws.com/bucket/p');
    expect(options).toEqual({
      endpoint: 'https://s3.eu-west-3.amazonaws.com',
      bucket: 'bucket',
      prefix: 'p',
      region: 'us-east-1',
    });
    expect('credentials' in options).toBe(false);
  });

  const secret = 'sup3r-s3cret';
  it.each([
    ['no bucket', `https://key:${secret}@s3.example.com/`, /names no bucket/],
    ['no bucket, not even a slash', `https://key:${secret}@s3.example.com`, /names no bucket/],
    ['not http(s)', `s3://key:${secret}@bucket/prefix`, /must start with http:\/\/ or https:\/\//],
    ['no scheme at all', `key:${secret}@s3.example.com/bucket`, /must start with http/],
    [
      'a port that is not a number',
      `https://key:${secret}@host:90a/b`,
      /port that is not a number/,
    ],
    ['a port too large', `https://key:${secret}@host:65536/b`, /port that is not a number/],
    ['port 0', `https://key:${secret}@host:0/b`, /port that is not a number/],
    ['an unencoded / in the secret', `https://key:${secret}/x@host/b`, /port that is not/],
    ['a key without a secret', `https://key@host/bucket`, /access key without a secret/],
    ['a secret without a key', `https://:${secret}@host/bucket`, /access key without a secret/],
    ['an unknown parameter', `https://key:${secret}@host/b?regoin=x`, /unknown parameter 'regoin'/],
    ['an empty region', `https://key:${secret}@host/b?region=`, /empty region/],
    ['a fragment', `https://key:${secret}@host/b#frag`, /'#' fragment/],
    ['a malformed escape', `https://key:${secret}%zz@host/b`, /malformed percent-encoding/],
    ['not a URL', `http://key:${secret}@/b`, /is not a valid URL/],
  ])('refuses a URL with %s, naming the problem and never the secret', (_, url, problem) => {
    const failure = catchError(() => s3StoreOptionsFromUrl(url));
    expect(failure.message).toMatch(/^ATTACHMENTS_S3_URL /);
    expect(failure.message).toMatch(problem);
    expect(failure.message).not.toContain(secret);
  });
});

function clientConfig(options: S3StoreOptions) {
  return {
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
}

function multiObjectDeletes(requests: readonly string[]): number {
  return requests.filter((request) => /^POST \/attachments\/?\?delete/.test(request)).length;
}

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error, got none');
}

/** A port of 127.0.0.1 that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
