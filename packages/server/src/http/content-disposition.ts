/**
 * A file name as a Content-Disposition parameter: an ASCII stand-in in `filename` (for old
 * clients) and, when the name is not plain ASCII, the exact name in `filename*` (RFC 6266).
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (ascii === name) return `${type}; filename="${name}"`;
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
