import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Database } from '../db/connect.js';
import {
  InvalidRequestError,
  NotFoundError,
  QuotaExceededError,
  UnsupportedMediaTypeError,
} from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { attachmentName } from './attachment-name.js';
import {
  attachmentsById,
  ownAttachments,
  storedBytes,
  type AttachmentRow,
} from './attachment-records.js';
import type { BlobSource, BlobStore, BlobVariant } from './blob-store.js';
import type { ImageMediaType } from './file-kind.js';
import { reencodeImage } from './image-reencoding.js';
import { inspectPdf } from './pdf-inspection.js';
import { ProcessingSlots } from './processing-slots.js';
import { receiveUpload, type ReceivedFile } from './upload-intake.js';

export interface AttachmentLimits {
  imageBytes: number;
  documentBytes: number;
  quotaBytes: number;
  /** The quota of a site's visitors (guest tokens). */
  guestQuotaBytes: number;
  uploadTimeoutMs: number;
  /** Unsent uploads older than this are deleted by `sweepOrphans`. */
  orphanTtlMs: number;
}

/** SPEC's defaults (ATTACHMENTS_*). */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  imageBytes: 10_000_000,
  documentBytes: 32_000_000,
  quotaBytes: 200_000_000,
  guestQuotaBytes: 25_000_000,
  uploadTimeoutMs: 120_000,
  orphanTtlMs: 86_400_000,
};

/** SPEC: at most this many files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

interface Prepared {
  row: Omit<
    AttachmentRow,
    'id' | 'user_id' | 'message_id' | 'session_id' | 'storage' | 'created_at'
  >;
  original: BlobSource;
  thumbnail: Buffer | undefined;
}

/** Stored bytes read back: what GET /chat/attachments/{id} answers. */
export interface AttachmentBytes {
  row: AttachmentRow;
  bytes: Buffer;
  mediaType: string;
}

/**
 * SPEC "Attachments": uploads checked and stored, read back by their owner, claimed by the message
 * they are sent with, deleted with it or, never sent, after ATTACHMENTS_ORPHAN_TTL_S.
 */
export class AttachmentService {
  /** Two files decoded, parsed and written at once per process (see processing-slots.ts). */
  private readonly processing = new ProcessingSlots(2);

  constructor(
    private readonly db: Database,
    readonly store: BlobStore,
    readonly limits: AttachmentLimits,
    private readonly logger: Logger,
  ) {}

  /** `asGuest`: the uploader is a site's visitor (a guest token), with the guests' quota. */
  async upload(userId: string, request: IncomingMessage, asGuest = false): Promise<AttachmentRow> {
    const file = await receiveUpload(request, {
      imageBytes: this.limits.imageBytes,
      documentBytes: this.limits.documentBytes,
      deadline: Date.now() + this.limits.uploadTimeoutMs,
    });
    try {
      // Kept inside the slot: the bytes written (a PDF whole, as bytea in PostgreSQL) weigh too.
      const quota = asGuest ? this.limits.guestQuotaBytes : this.limits.quotaBytes;
      return await this.processing.run(() => this.keep(userId, file, quota));
    } finally {
      await file.dispose();
    }
  }

  private async keep(userId: string, file: ReceivedFile, quota: number): Promise<AttachmentRow> {
    const prepared = await prepare(file);
    const row = await this.insertWithinQuota(userId, prepared.row, quota);
    try {
      await this.store.put(row.id, 'original', prepared.original, row.media_type);
      if (prepared.thumbnail) {
        await this.store.put(row.id, 'thumbnail', prepared.thumbnail, 'image/webp');
      }
    } catch (error) {
      await this.forget([row.id]).catch(() => undefined);
      throw error;
    }
    return row;
  }

  /** The owner's bytes of one attachment; 404 for anyone else, 400 for a PDF's thumbnail. */
  async read(userId: string, id: string, variant: BlobVariant): Promise<AttachmentBytes> {
    const [row] = await ownAttachments(this.db, userId, [id]);
    if (!row) throw new NotFoundError('Attachment');
    if (variant === 'thumbnail' && row.kind !== 'image') {
      throw new InvalidRequestError('Only images have a thumbnail.', { field: 'variant' });
    }
    const bytes = await this.store.get(id, variant);
    if (!bytes) throw new NotFoundError('Attachment');
    return { row, bytes, mediaType: variant === 'thumbnail' ? 'image/webp' : row.media_type };
  }

  /**
   * The files a send names, checked before anything is stored: each the caller's own and not yet
   * sent with a message. Claimed for good by the send's insert (claimForMessage).
   */
  async forSend(userId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE || new Set(ids).size !== ids.length) {
      throw invalidIds(`Give at most ${MAX_ATTACHMENTS_PER_MESSAGE} different attachment ids.`);
    }
    const rows = await ownAttachments(this.db, userId, ids);
    if (rows.length !== ids.length)
      throw invalidIds('An attachment id is not one of your uploads.');
    if (rows.some((row) => row.message_id !== null)) {
      throw invalidIds('An attachment was already sent with another message; upload it again.');
    }
    return rows;
  }

  /** Metadata of the files on these messages, by id (their bytes stay where they are). */
  describe(ids: readonly string[]): Promise<Map<string, AttachmentRow>> {
    return attachmentsById(this.db, ids);
  }

  /** Bytes for Claude, by id: the stored original of each (an image as re-encoded here). */
  async bytesFor(ids: readonly string[]): Promise<Map<string, Buffer>> {
    const found = await Promise.all(
      ids.map(async (id) => [id, await this.store.get(id, 'original')] as const),
    );
    return new Map(found.filter((entry): entry is [string, Buffer] => entry[1] !== undefined));
  }

  /**
   * Deletes the rows (and so, in PostgreSQL, the bytes) of these attachments, then their bytes in
   * the store: rows first, so that nothing points at bytes that are gone.
   */
  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db('ai_attachments').whereIn('id', ids).delete();
    await this.deleteBucketBytes(ids);
  }

  /** What a bucket keeps for these ids; PostgreSQL's bytes went with their rows (a cascade). */
  private async deleteBucketBytes(ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || this.store.kind === 'postgres') return;
    await this.store.delete(ids);
  }

  /** Ids of the attachments of a session's messages, read before the session is deleted. */
  async idsInSession(sessionId: string, userId: string): Promise<string[]> {
    const rows = (await this.db('ai_attachments')
      .where({ session_id: sessionId, user_id: userId })
      .whereNotNull('message_id')
      .select('id')) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** After a session's rows are gone: the bytes a bucket still holds for them. */
  async afterSessionDeleted(ids: readonly string[]): Promise<void> {
    await this.deleteBucketBytes(ids).catch((error: unknown) => {
      this.logger.warn(
        { err: error, attachments: ids.length },
        'could not delete attachment bytes',
      );
    });
  }

  /** Deletes uploads never sent and older than the TTL, a batch at a time; returns how many. */
  async sweepOrphans(now = Date.now(), batch = 500): Promise<number> {
    const cutoff = new Date(now - this.limits.orphanTtlMs);
    let swept = 0;
    for (;;) {
      const rows = (await this.db('ai_attachments')
        .whereNull('message_id')
        .andWhere('created_at', '<', cutoff)
        .orderBy('created_at')
        .limit(batch)
        .select('id')) as Array<{ id: string }>;
      if (rows.length === 0) return swept;
      await this.forget(rows.map((row) => row.id));
      swept += rows.length;
      if (rows.length < batch) return swept;
    }
  }

  /** One upload at a time per user inside the quota check, so two at once cannot both squeeze in. */
  private insertWithinQuota(
    userId: string,
    row: Prepared['row'],
    quota: number,
  ): Promise<AttachmentRow> {
    return this.db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`attachments:${userId}`]);
      const used = await storedBytes(trx, userId);
      if (used + Number(row.size) > quota) {
        throw new QuotaExceededError(quota, used);
      }
      const [inserted] = (await trx('ai_attachments')
        .insert({ ...row, id: randomUUID(), user_id: userId, storage: this.store.kind })
        .returning('*')) as AttachmentRow[];
      return inserted!;
    });
  }
}

/** Checks and, for an image, re-encodes the file: what will be stored, and what the row says. */
async function prepare(file: ReceivedFile): Promise<Prepared> {
  const name = attachmentName(file.name, file.kind.mediaType);
  if (file.kind.kind === 'image') {
    if (file.holdsMarkup) throw new UnsupportedMediaTypeError();
    const image = await reencodeImage(file.path, file.kind.mediaType as ImageMediaType);
    return {
      row: {
        kind: 'image',
        media_type: file.kind.mediaType,
        name,
        size: image.bytes.length,
        width: image.width,
        height: image.height,
        pages: null,
        thumbnail_size: image.thumbnail.length,
      },
      original: image.bytes,
      thumbnail: image.thumbnail,
    };
  }
  const { pages } = await inspectPdf(await readFile(file.path));
  return {
    row: {
      kind: 'document',
      media_type: 'application/pdf',
      name,
      size: file.size,
      width: null,
      height: null,
      pages,
      thumbnail_size: null,
    },
    original: { path: file.path, size: file.size },
    thumbnail: undefined,
  };
}

function invalidIds(message: string): InvalidRequestError {
  return new InvalidRequestError(message, { field: 'attachment_ids' });
}
