import type { Attachment } from '../controllers/chat-message.js';
import { matchLocale } from '../i18n/locale.js';

/** What the server takes (SPEC "Attachments"); it decides by the bytes, this only saves a refused upload. */
const MEDIA_TYPES: Record<string, Attachment['kind']> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'application/pdf': 'document',
};

/** A file without a declared type (some drags and pastes) is judged by its extension. */
const EXTENSIONS: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

const MB = 1_000_000;

/** The server's defaults: `ATTACHMENTS_MAX_IMAGE_BYTES`, `ATTACHMENTS_MAX_DOCUMENT_BYTES`. */
export const ATTACHMENT_LIMITS = { image: 10 * MB, document: 32 * MB, perMessage: 10 };

export type Refusal =
  | { reason: 'type' }
  | { reason: 'size'; size: number; limit: number }
  | { reason: 'count'; limit: number };

/** An image or a document, or null for a type the server refuses. */
export function kindOf(file: Pick<File, 'name' | 'type'>): Attachment['kind'] | null {
  const extension = /\.(\w+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const type = file.type || EXTENSIONS[extension] || '';
  return Object.hasOwn(MEDIA_TYPES, type) ? MEDIA_TYPES[type]! : null;
}

/** Why `file` cannot be attached to a message that already holds `attached` files, or null. */
export function refusalOf(
  file: Pick<File, 'name' | 'type' | 'size'>,
  attached: number,
): Refusal | null {
  const kind = kindOf(file);
  if (!kind) return { reason: 'type' };
  const limit = ATTACHMENT_LIMITS[kind];
  if (file.size > limit) return { reason: 'size', size: file.size, limit };
  if (attached >= ATTACHMENT_LIMITS.perMessage) {
    return { reason: 'count', limit: ATTACHMENT_LIMITS.perMessage };
  }
  return null;
}

/** "12 MB", "10.5 MB": decimal megabytes as the limits are set, rounded up so an excess shows. */
export function megabytes(bytes: number, locale: string | null): string {
  const format = new Intl.NumberFormat(matchLocale(locale), { maximumFractionDigits: 1 });
  return `${format.format(Math.ceil(bytes / (MB / 10)) / 10)} MB`;
}
