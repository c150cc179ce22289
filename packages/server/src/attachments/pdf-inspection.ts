import type * as PdfLibModule from 'pdf-lib';
import type { PDFDict, PDFDocument } from 'pdf-lib';
import { FileTooLargeError, InvalidRequestError, UnsupportedMediaTypeError } from '../errors.js';

export const MAX_PDF_PAGES = 100;

type PdfLib = typeof PdfLibModule;

/** Keys by which a PDF runs something or carries files of its own. */
const ACTIVE_KEYS = [
  'JS',
  'JavaScript',
  'AA',
  'OpenAction',
  'EmbeddedFile',
  'EmbeddedFiles',
  'Launch',
  'RichMedia',
  'XFA',
];
const ACTIVE_ACTIONS = ['JavaScript', 'Launch', 'ImportData', 'SubmitForm', 'RichMediaExecute'];

/** pdf-lib is loaded with the first PDF, not with the server. */
let loading: Promise<PdfLib> | undefined;

/**
 * Reads the PDF's structure: its page count (at most 100), and refuses one that is encrypted or that
 * holds JavaScript, actions that run on opening, or embedded files. Claude reads only the text and
 * pages, so nothing is lost by refusing those, and the stored file is safe for anyone to open.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pages: number }> {
  const pdfLib = await (loading ??= import('pdf-lib'));
  let document: PDFDocument;
  try {
    document = await pdfLib.PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
  } catch {
    throw new InvalidRequestError('The PDF is damaged or incomplete and could not be read.', {
      field: 'file',
    });
  }
  if (document.isEncrypted) {
    throw new UnsupportedMediaTypeError(
      'Encrypted or password-protected PDFs are not supported; send the PDF without a password.',
    );
  }
  if (holdsActiveContent(pdfLib, document)) {
    throw new UnsupportedMediaTypeError(
      'PDFs with JavaScript, actions or embedded files are not supported.',
    );
  }
  const pages = document.getPageCount();
  if (pages > MAX_PDF_PAGES) {
    throw new FileTooLargeError(`Too long: ${pages} pages, the limit is ${MAX_PDF_PAGES} pages.`, {
      limit_pages: MAX_PDF_PAGES,
      actual: pages,
    });
  }
  if (pages === 0) {
    throw new InvalidRequestError('The PDF has no pages.', { field: 'file' });
  }
  return { pages };
}

function holdsActiveContent(pdfLib: PdfLib, document: PDFDocument): boolean {
  const { PDFDict, PDFName } = pdfLib;
  const keys = ACTIVE_KEYS.map((key) => PDFName.of(key));
  const actions = ACTIVE_ACTIONS.map((action) => PDFName.of(action));
  const actionType = PDFName.of('S');
  const isActive = (dict: PDFDict): boolean => {
    if (keys.some((key) => dict.has(key))) return true;
    const action = dict.get(actionType);
    if (action instanceof PDFName && actions.includes(action)) return true;
    // Dictionaries written inline (an annotation's /A << /S /JavaScript >>) sit inside others.
    for (const [, value] of dict.entries()) {
      if (value instanceof PDFDict && isActive(value)) return true;
    }
    return false;
  };
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && isActive(object)) return true;
  }
  return isActive(document.catalog);
}
