import type { Config } from '../config.js';
import type { Database } from '../db/connect.js';
import type { Logger } from '../observability/logger.js';
import { AttachmentService } from './attachment-service.js';
import type { BlobStore } from './blob-store.js';
import { PostgresBlobStore } from './postgres-blob-store.js';

/** How often unsent uploads past their TTL are looked for. */
const ORPHAN_SWEEP_MS = 10 * 60_000;

export interface Attachments {
  service: AttachmentService;
  close(): Promise<void>;
}

/**
 * The attachments of one process: bytes in PostgreSQL, or in the bucket ATTACHMENTS_S3_URL names
 * (checked before the server starts, so a wrong bucket stops start-up with its reason), and the
 * sweep of uploads never sent.
 */
export async function createAttachments(
  config: Config,
  db: Database,
  logger: Logger,
): Promise<Attachments> {
  const { attachments } = config;
  const store: BlobStore = attachments.s3Url
    ? await s3Store(attachments.s3Url)
    : new PostgresBlobStore(db);
  await store.check?.();
  const service = new AttachmentService(
    db,
    store,
    {
      imageBytes: attachments.maxImageBytes,
      documentBytes: attachments.maxDocumentBytes,
      quotaBytes: attachments.quotaBytes,
      guestQuotaBytes: attachments.guestQuotaBytes,
      uploadTimeoutMs: attachments.uploadTimeoutSeconds * 1000,
      orphanTtlMs: attachments.orphanTtlSeconds * 1000,
    },
    logger,
  );
  const sweep = setInterval(() => {
    service
      .sweepOrphans()
      .then((swept) => swept > 0 && logger.info({ swept }, 'unsent attachments deleted'))
      .catch((error: unknown) => logger.error({ err: error }, 'attachment sweep failed'));
  }, ORPHAN_SWEEP_MS);
  sweep.unref();
  return {
    service,
    async close() {
      clearInterval(sweep);
      await store.close?.();
    },
  };
}

/** The AWS SDK is loaded only by a server that keeps its bytes in a bucket. */
async function s3Store(url: string): Promise<BlobStore> {
  const { S3BlobStore, s3StoreOptionsFromUrl } = await import('./s3-blob-store.js');
  return new S3BlobStore(s3StoreOptionsFromUrl(url));
}
