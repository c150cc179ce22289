/**
 * The file name of a `Content-Disposition` header (RFC 6266): the exact `filename*` (RFC 8187,
 * percent-encoded UTF-8) when there is one, else the ASCII `filename`, quoted or not. Quoted
 * names with backslash escapes are not unescaped: the server leaves quotes out of its names.
 */
export function dispositionFilename(header: string | null): string | undefined {
  header ??= '';
  const extended = /\bfilename\*=utf-8'[^']*'([^;\s]+)/i.exec(header);
  try {
    if (extended) return decodeURIComponent(extended[1]!);
  } catch {
    // A malformed encoding: the plain name below still names the file.
  }
  const plain = /\bfilename=(?:"([^"]*)"|([^;\s]+))/i.exec(header);
  return plain?.[1] ?? plain?.[2];
}
