import type { AttachmentMediaType } from './file-kind.js';

const MAX_NAME_CHARS = 255;
const DEFAULT_NAMES: Record<AttachmentMediaType, string> = {
  'image/png': 'image.png',
  'image/jpeg': 'image.jpg',
  'image/gif': 'image.gif',
  'image/webp': 'image.webp',
  'application/pdf': 'document.pdf',
};
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The name an attachment is shown and downloaded under: the upload's filename without any folder,
 * control characters or surrounding space, at most 255 characters; by kind when none is left.
 */
export function attachmentName(
  filename: string | undefined,
  mediaType: AttachmentMediaType,
): string {
  const base = (filename ?? '').split(/[/\\]/).pop() ?? '';
  const clean = [...base.replace(CONTROL_CHARACTERS, '').trim()].slice(0, MAX_NAME_CHARS).join('');
  if (clean !== '' && clean !== '.' && clean !== '..') return clean;
  return DEFAULT_NAMES[mediaType];
}
