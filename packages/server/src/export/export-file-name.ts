const MAX_NAME_CHARS = 100;
// Control characters, path separators, quotes and what Windows refuses in a name.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\"'*:<>?|]+/g;

/**
 * The download's file name (docs/openapi.yaml, exportSession): the title without anything a file
 * system or a header would choke on, no leading dots, at most 100 characters, "conversation" when
 * nothing is left; then the format's extension.
 */
export function exportFileName(title: string, extension: string): string {
  const cleaned = title
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const name = [...cleaned].slice(0, MAX_NAME_CHARS).join('').trim() || 'conversation';
  return `${name}.${extension}`;
}
