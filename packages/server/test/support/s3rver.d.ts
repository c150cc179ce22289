/** The part of s3rver 3.7 (which ships no types) that the tests use. */
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    /** Set by run(): the HTTP server it listens with. */
    httpServer?: Server;
    /** Where it keeps buckets and objects (a folder per bucket). */
    store: { deleteObject(bucket: string, key: string): Promise<void> };
    close(): Promise<void>;
  }

  export = S3rver;
}
