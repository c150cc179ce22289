/** Which stored bytes of an attachment: what was kept (re-encoded for an image), or its thumbnail. */
export type BlobVariant = 'original' | 'thumbnail';

/** The bytes to keep: in memory, or a file on disk of `size` bytes (read from there, not loaded). */
export type BlobSource = Buffer | { path: string; size: number };

/**
 * Where attachments' bytes live (SPEC "Attachments"): PostgreSQL by default, any S3-compatible
 * store with ATTACHMENTS_S3_URL. Rows stay in PostgreSQL either way (attachment-records.ts).
 */
export interface BlobStore {
  /** Written on the attachments' `storage` column: which store holds a row's bytes. */
  readonly kind: 'postgres' | 's3';
  /** Keeps `source` as the `variant` of attachment `id`; replaces what was there. */
  put(id: string, variant: BlobVariant, source: BlobSource, mediaType: string): Promise<void>;
  /** The bytes, or undefined when none are kept under that name. */
  get(id: string, variant: BlobVariant): Promise<Buffer | undefined>;
  /** Forgets every variant of each id; ids without bytes are no error. */
  delete(ids: readonly string[]): Promise<void>;
  /** Ready to serve (a bucket reachable, say); throws with the reason otherwise. */
  check?(): Promise<void>;
  close?(): Promise<void>;
}
