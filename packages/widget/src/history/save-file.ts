/** A blob: URL given to a download link lives this long, for the browser to start the download. */
const DOWNLOAD_URL_MS = 60_000;

/** Downloads `file` under its own name, through an object URL and `<a download>`. */
export function saveFile(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_MS);
}
