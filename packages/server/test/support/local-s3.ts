import type { IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  /** An ATTACHMENTS_S3_URL for `bucket`, with the credentials s3rver accepts. */
  url: string;
  bucket: string;
  /** Every request the server received so far, as `METHOD /path?query`. */
  requests: string[];
  stop(): Promise<void>;
}

/** s3rver's one account. It refuses another access key, but does not verify SigV4 signatures. */
const ACCESS_KEY = 'S3RVER';
const SECRET = 'S3RVER';

/**
 * An S3-compatible server (s3rver, files in a fresh temporary directory) on a free port of
 * 127.0.0.1, with one empty bucket.
 */
export async function startLocalS3(): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'repruv-s3-'));
  const bucket = 'attachments';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  deleteOneObjectAtATime(server);
  const requests: string[] = [];
  const { port } = await server.run();
  server.httpServer?.on('request', (request: IncomingMessage) => {
    requests.push(`${request.method} ${request.url}`);
  });
  return {
    url: `http://${ACCESS_KEY}:${SECRET}@127.0.0.1:${port}/${bucket}`,
    bucket,
    requests,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver deletes a DeleteObjects request's keys all at once, and two keys in one folder
 * (`<id>/original`, `<id>/thumbnail`) race to remove it: a 500 that S3 never answers.
 */
function deleteOneObjectAtATime(server: S3rver): void {
  const deleteObject = server.store.deleteObject.bind(server.store);
  let previous: Promise<unknown> = Promise.resolve();
  server.store.deleteObject = (bucket, key) => {
    const deletion = previous.then(() => deleteObject(bucket, key));
    previous = deletion.catch(() => undefined);
    return deletion;
  };
}
