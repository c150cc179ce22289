import PDFDocument from 'pdfkit';
import { DocumentFonts } from './document-fonts.js';
import { PageWriter } from './page-writer.js';
import { PdfOutput } from './pdf-output.js';
import { TranscriptLayout } from './transcript-layout.js';
import type { PdfEntry, PdfHeader } from './write-pdf.js';

const MARGIN = 56;

export async function renderTranscript(
  out: NodeJS.WritableStream,
  header: PdfHeader,
  entries: AsyncIterable<PdfEntry>,
  loadImage: (attachmentId: string) => Promise<Buffer | null>,
): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: false, // each page is written out when the next starts
    fontLayoutCache: false, // pdfkit's cache keeps every word ever drawn
    displayTitle: true,
    info: { Title: header.title, Creator: 'Repruv Assistant', CreationDate: header.exportedAt },
  });
  const output = new PdfOutput(doc, out);
  const fonts = new DocumentFonts(doc);
  const transcript = new TranscriptLayout(new PageWriter(doc, fonts), fonts, loadImage);
  await transcript.header(header);
  for await (const entry of entries) {
    await transcript.entry(entry);
    await output.flush();
    // Laying out is CPU on the main thread: other requests and live replies go between messages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  doc.end();
  await output.finish();
}
