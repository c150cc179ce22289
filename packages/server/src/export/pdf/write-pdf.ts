export interface PdfAttachment {
  id: string;
  kind: 'image' | 'document';
  name: string;
  media_type: string;
}

export interface PdfEntry {
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
  attachments: PdfAttachment[];
}

export interface PdfHeader {
  title: string;
  mode: string;
  exportedAt: Date;
}

/**
 * Writes the transcript as a PDF to `out`, reading `entries` one at a time; resolves when `out`
 * has it all (and has been ended). On a failure it rejects and leaves `out` to the caller.
 *
 * The text is real text in embedded fonts (any script; right to left laid out and extractable
 * in logical order), code is monospaced, images are drawn. pdfkit, the fonts and sharp are loaded
 * on the first export, not when the server starts.
 */
export async function writePdfTranscript(
  out: NodeJS.WritableStream,
  header: PdfHeader,
  entries: AsyncIterable<PdfEntry>,
  loadImage: (attachmentId: string) => Promise<Buffer | null>,
): Promise<void> {
  const { renderTranscript } = await import('./render-transcript.js');
  await renderTranscript(out, header, entries, loadImage);
}
