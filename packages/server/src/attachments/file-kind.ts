import { fileTypeFromBuffer } from 'file-type';

/** The bytes Claude accepts, as the API names them (SPEC "Attachments"). */
export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
export type AttachmentMediaType = ImageMediaType | 'application/pdf';
export type AttachmentKind = 'image' | 'document';

export interface FileKind {
  kind: AttachmentKind;
  mediaType: AttachmentMediaType;
}

const KINDS: Record<string, FileKind> = {
  'image/png': { kind: 'image', mediaType: 'image/png' },
  'image/jpeg': { kind: 'image', mediaType: 'image/jpeg' },
  'image/gif': { kind: 'image', mediaType: 'image/gif' },
  'image/webp': { kind: 'image', mediaType: 'image/webp' },
  'application/pdf': { kind: 'document', mediaType: 'application/pdf' },
};

/** How many leading bytes `kindOf` needs: file-type's own sample size. */
export const SNIFF_BYTES = 4100;

/**
 * What the file is, from its first bytes alone (never its name or declared type); undefined for
 * anything that is not one of the five (SVG, HTML and text have no magic number, so they land here).
 */
export async function kindOf(head: Uint8Array): Promise<FileKind | undefined> {
  const found = await fileTypeFromBuffer(head);
  return found ? KINDS[found.mime] : undefined;
}

/**
 * Markup a browser would run, anywhere in an image: the mark of an image/HTML polyglot. Binary
 * image data holding one of these by chance is not a real risk (each is several exact bytes).
 */
const MARKUP = /<(?:script|html|body|iframe|svg|object|embed|meta|!doctype|\?xml)[\s>/]/i;

/** The longest marker, less one: what a chunk keeps of the one before, so a marker split in two is seen. */
const MARKUP_OVERLAP = 10;

/** Watches bytes as they stream by for markup (see MARKUP). */
export class MarkupScan {
  private tail = '';
  found = false;

  push(chunk: Buffer): void {
    if (this.found) return;
    const text = this.tail + chunk.toString('latin1');
    if (MARKUP.test(text)) this.found = true;
    this.tail = text.slice(-MARKUP_OVERLAP);
  }
}
