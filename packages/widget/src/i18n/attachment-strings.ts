// `fill` is in the panel, so that the chunks of attachments and of the drawer share it.
export { fill } from './strings.js';

/**
 * The strings of attachments, loaded with the attachments chunk (only `attach`, the button's
 * name, is in the panel). `{name}` is a file's name, `{size}` and `{limit}` sizes ("12 MB"),
 * `{n}` a count.
 */
export interface AttachmentStrings {
  /** Shown over the panel while files are dragged onto it. */
  dropFiles: string;
  unsupportedType: string;
  tooLarge: string;
  tooMany: string;
  /** When the server refuses a file without saying why in words the widget can show. */
  uploadFailed: string;
  uploading: string;
  removeFile: string;
  /** Said once a file is uploaded and ready to send. */
  fileReady: string;
  openImage: string;
  closeImage: string;
  downloadFile: string;
  onePage: string;
  pages: string;
}

/** The English ones; the other locales' are in locales/*.ts, loaded with the panel's strings. */
export const ATTACHMENT_EN: AttachmentStrings = {
  dropFiles: 'Drop files to attach',
  unsupportedType: "That file type isn't supported",
  tooLarge: 'Too large: {size}, the limit is {limit}',
  tooMany: 'At most {n} files per message',
  uploadFailed: 'Could not upload this file',
  uploading: 'Uploading {name}',
  removeFile: 'Remove {name}',
  fileReady: '{name} attached',
  openImage: 'Open image: {name}',
  closeImage: 'Close image',
  downloadFile: 'Download {name}',
  onePage: '1 page',
  pages: '{n} pages',
};

/**
 * `table` (the locale's attachment strings, from its chunk; English when null), with any of
 * them replaced by `overrides`.
 */
export function resolveAttachmentStrings(
  table: AttachmentStrings | null | undefined,
  overrides: Partial<AttachmentStrings> = {},
): AttachmentStrings {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => typeof value === 'string'),
  );
  return { ...(table ?? ATTACHMENT_EN), ...defined };
}
