import { readFile } from 'node:fs/promises';
import type { Database } from '../db/connect.js';
import type { BlobSource, BlobStore, BlobVariant } from './blob-store.js';

/**
 * Bytes in `ai_attachment_blobs`, beside their rows: the default, PGlite too. A blob row names its
 * attachment's row, so deleting a message or a session deletes its bytes in the same statement.
 */
export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly db: Database) {}

  async put(id: string, variant: BlobVariant, source: BlobSource): Promise<void> {
    const bytes = Buffer.isBuffer(source) ? source : await readFile(source.path);
    await this.db('ai_attachment_blobs')
      .insert({ attachment_id: id, variant, bytes })
      .onConflict(['attachment_id', 'variant'])
      .merge();
  }

  async get(id: string, variant: BlobVariant): Promise<Buffer | undefined> {
    const row = (await this.db('ai_attachment_blobs')
      .where({ attachment_id: id, variant })
      .first('bytes')) as { bytes: Buffer | Uint8Array } | undefined;
    if (!row) return undefined;
    return Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes);
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db('ai_attachment_blobs').whereIn('attachment_id', ids).delete();
  }
}
