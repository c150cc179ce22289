import { createReadStream } from 'node:fs';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { BlobSource, BlobStore, BlobVariant } from './blob-store.js';

/** Where the bytes go, as `s3StoreOptionsFromUrl` reads ATTACHMENTS_S3_URL. */
export interface S3StoreOptions {
  /** `http(s)://host[:port]`, addressed path-style: `<endpoint>/<bucket>/<key>`. */
  endpoint: string;
  bucket: string;
  /** Prepended to every key, without slashes at either end; '' for none. */
  prefix: string;
  region: string;
  /** Absent: the SDK's default chain (environment, shared config, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const VARIANTS: readonly BlobVariant[] = ['original', 'thumbnail'];

/** S3's limit on the keys of one DeleteObjects request. */
const MAX_KEYS_PER_DELETE = 1_000;

const DEFAULT_REGION = 'us-east-1';

const URL_FORM = 'http(s)://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix][?region=REGION]';
const ENCODE_HINT = "percent-encode any '/', '?', '#', '@' or ':' in the credentials";

/**
 * Reads ATTACHMENTS_S3_URL, of the form `http(s)://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix]
 * [?region=REGION]`: credentials percent-encoded (a secret's '/' as %2F), both or neither (then the
 * SDK's default chain); region `us-east-1` unless given. Errors say what is wrong, never the URL.
 */
export function s3StoreOptionsFromUrl(raw: string): S3StoreOptions {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    throw urlError(`must start with http:// or https:// (${URL_FORM})`);
  }
  const portProblem = describePortProblem(raw);
  if (portProblem) throw urlError(portProblem);
  const url = parseUrl(raw);
  if (url.hash) throw urlError(`has a '#' fragment; ${ENCODE_HINT}`);

  const [bucket, ...prefix] = decodeComponents(url.pathname.split('/').filter(Boolean), 'path');
  if (!bucket) throw urlError(`names no bucket (${URL_FORM})`);

  const options: S3StoreOptions = {
    endpoint: `${url.protocol}//${url.host}`,
    bucket,
    prefix: prefix.join('/'),
    region: regionFrom(url.searchParams),
  };
  const credentials = credentialsFrom(url);
  return credentials ? { ...options, credentials } : options;
}

function urlError(problem: string): Error {
  return new Error(`ATTACHMENTS_S3_URL ${problem}`);
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    // The parser's own error may quote the input, and with it the secret.
    throw urlError(`is not a valid URL (${URL_FORM}); ${ENCODE_HINT}`);
  }
}

/** The URL parser rejects a bad port without saying so; this says so, before it is asked. */
function describePortProblem(raw: string): string | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(raw)?.[1] ?? '';
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const port = /:([^\]:]*)$/.exec(hostAndPort)?.[1];
  if (port === undefined || port === '') return undefined;
  const number = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  if (number >= 1 && number <= 65_535) return undefined;
  return `has a port that is not a number from 1 to 65535; ${ENCODE_HINT}`;
}

function decodeComponents(components: string[], where: string): string[] {
  try {
    return components.map((component) => decodeURIComponent(component));
  } catch {
    throw urlError(`has a malformed percent-encoding in its ${where}`);
  }
}

function regionFrom(query: URLSearchParams): string {
  for (const name of query.keys()) {
    if (name !== 'region') throw urlError(`has an unknown parameter '${name}' (only 'region')`);
  }
  const region = query.get('region');
  if (region === null) return DEFAULT_REGION;
  if (region.trim() === '') throw urlError('has an empty region');
  return region;
}

function credentialsFrom(url: URL): S3StoreOptions['credentials'] {
  if (!url.username && !url.password) return undefined;
  if (!url.username || !url.password) {
    throw urlError('has an access key without a secret, or a secret without an access key');
  }
  const [accessKeyId = '', secretAccessKey = ''] = decodeComponents(
    [url.username, url.password],
    'credentials',
  );
  return { accessKeyId, secretAccessKey };
}

/**
 * Attachments' bytes in an S3-compatible bucket, one object per variant, named
 * `<prefix>/<attachment id>/<variant>`. Their rows stay in PostgreSQL.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly endpoint: string;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ? `${options.prefix}/` : '';
    this.endpoint = options.endpoint;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: true,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // By default the SDK sends uploads aws-chunked with a CRC32 trailer; stores that do not
      // decode it (s3rver, older MinIO and Ceph) keep the chunk framing as part of the bytes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Without it an unanswering host holds start-up's check() until the OS gives up.
      requestHandler: { connectionTimeout: 5_000 },
    });
  }

  async put(id: string, variant: BlobVariant, source: BlobSource, mediaType: string) {
    const body = Buffer.isBuffer(source)
      ? { Body: source, ContentLength: source.length }
      : { Body: createReadStream(source.path), ContentLength: source.size };
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(id, variant),
        ContentType: mediaType,
        ...body,
      }),
    );
  }

  async get(id: string, variant: BlobVariant): Promise<Buffer | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(id, variant) }),
      );
      if (!response.Body) return Buffer.alloc(0);
      const bytes = await response.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (error instanceof NoSuchKey || httpStatusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async delete(ids: readonly string[]): Promise<void> {
    const keys = ids.flatMap((id) => VARIANTS.map((variant) => this.key(id, variant)));
    for (let start = 0; start < keys.length; start += MAX_KEYS_PER_DELETE) {
      const batch = keys.slice(start, start + MAX_KEYS_PER_DELETE);
      const response = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failure = response.Errors?.[0];
      if (failure) {
        throw new Error(
          `S3 bucket "${this.bucket}" refused to delete ${response.Errors?.length} of ` +
            `${batch.length} objects, "${failure.Key}" first: ${failure.Code} ${failure.Message}`,
        );
      }
    }
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw new Error(this.describeCheckFailure(error), { cause: error });
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private key(id: string, variant: BlobVariant): string {
    return `${this.prefix}${id}/${variant}`;
  }

  private describeCheckFailure(error: unknown): string {
    const bucket = `S3 bucket "${this.bucket}" at ${this.endpoint} (ATTACHMENTS_S3_URL)`;
    const status = httpStatusOf(error);
    if (error instanceof Error && error.name === 'CredentialsProviderError') {
      return `${bucket}: no credentials, neither in the URL nor from the SDK's chain (${error.message})`;
    }
    if (status === undefined) {
      const reason = error instanceof Error ? error.message : String(error);
      return `${bucket} is unreachable: ${reason}`;
    }
    if (status === 404) return `${bucket} does not exist`;
    if (status === 401 || status === 403) {
      return `${bucket}: access denied (HTTP ${status}); check the credentials and their rights`;
    }
    if (status === 301) {
      const region = regionOfRedirect(error);
      return `${bucket} is in another region${region ? ` (${region})` : ''}; set ?region= to it`;
    }
    return `${bucket} did not answer HeadBucket as expected: HTTP ${status}`;
  }
}

function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof S3ServiceException)) return undefined;
  return error.$metadata.httpStatusCode;
}

function regionOfRedirect(error: unknown): string | undefined {
  if (!(error instanceof S3ServiceException)) return undefined;
  return error.$response?.headers['x-amz-bucket-region'];
}
