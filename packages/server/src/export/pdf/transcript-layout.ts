import type { DocumentFonts } from './document-fonts.js';
import { prepareImage } from './images.js';
import { messageBlocks } from './message-blocks.js';
import type { PageWriter } from './page-writer.js';
import { cjkFaceFor, type CjkFace } from './scripts.js';
import { typesetParagraph, type SetLine, type TextStyle } from './typesetter.js';
import type { PdfEntry, PdfHeader } from './write-pdf.js';

const TEXT = '#1f2328';
const MUTED = '#57606a';

const TITLE: TextStyle = {
  size: 17,
  leading: 23,
  primary: 'sans-bold',
  color: TEXT,
  direction: 'auto',
};
const META: TextStyle = { size: 9, leading: 13, primary: 'sans', color: MUTED, direction: 'ltr' };
const BODY: TextStyle = {
  size: 10.5,
  leading: 15.5,
  primary: 'sans',
  color: TEXT,
  direction: 'auto',
};
const CODE: TextStyle = { size: 9, leading: 12.5, primary: 'mono', color: TEXT, direction: 'ltr' };
const ATTACHMENT: TextStyle = {
  size: 9.5,
  leading: 14,
  primary: 'sans',
  color: MUTED,
  direction: 'auto',
};
const LABELS: Record<PdfEntry['role'], { text: string; style: TextStyle }> = {
  user: {
    text: 'You',
    style: { ...META, size: 10, leading: 15, primary: 'sans-bold', color: '#0b5cad' },
  },
  assistant: {
    text: 'Assistant',
    style: { ...META, size: 10, leading: 15, primary: 'sans-bold', color: '#1a7f37' },
  },
};

const CODE_BACKGROUND = '#f3f4f6';
const CODE_PADDING = 6;
/** Images are drawn at most this high (points), so a screenshot does not take a page. */
const IMAGE_MAX_HEIGHT = 240;

/** The transcript's parts, as the SPEC lists them: a header, then each message with its files. */
export class TranscriptLayout {
  constructor(
    private readonly pages: PageWriter,
    private readonly fonts: DocumentFonts,
    private readonly loadImage: (attachmentId: string) => Promise<Buffer | null>,
  ) {}

  async header({ title, mode, exportedAt }: PdfHeader): Promise<void> {
    await this.#paragraph(title, TITLE, cjkFaceFor(title));
    this.pages.gap(2);
    await this.#paragraph(`Mode: ${mode}`, META, cjkFaceFor(mode));
    const exported = `Exported: ${utcTime(exportedAt)}`;
    await this.#paragraph(exported, META, cjkFaceFor(exported));
    this.pages.gap(8);
    this.pages.rule('#d0d7de');
  }

  async entry(entry: PdfEntry): Promise<void> {
    const cjk = cjkFaceFor(entry.content);
    this.pages.gap(12);
    const label = LABELS[entry.role];
    const time = { ...META, leading: label.style.leading };
    this.pages.row([
      { line: await this.#oneLine(label.text, label.style), style: label.style },
      { line: await this.#oneLine(`   ${utcTime(entry.created_at)}`, time), style: time },
    ]);
    this.pages.gap(2);
    for (const block of messageBlocks(entry.content)) {
      if (block.kind === 'paragraph') await this.#paragraph(block.text, BODY, cjk);
      else if (block.kind === 'gap') this.pages.gap(BODY.leading / 2);
      else await this.#code(block.lines, cjk);
    }
    for (const attachment of entry.attachments) {
      this.pages.gap(3);
      const what = attachment.kind === 'image' ? 'Image' : 'File';
      await this.#paragraph(`${what}: ${attachment.name}`, ATTACHMENT, cjkFaceFor(attachment.name));
      if (attachment.kind === 'image') await this.#image(attachment.id);
    }
  }

  async #paragraph(text: string, style: TextStyle, cjk: CjkFace) {
    for (const line of await typesetParagraph(text, style, this.pages.width, cjk, this.fonts)) {
      this.pages.line(line, style);
    }
  }

  async #code(lines: string[], cjk: CjkFace): Promise<void> {
    const width = this.pages.width - 2 * CODE_PADDING;
    const options = { indent: CODE_PADDING, background: CODE_BACKGROUND };
    this.pages.gap(4);
    for (const text of lines) {
      for (const line of await typesetParagraph(text, CODE, width, cjk, this.fonts)) {
        this.pages.line(line, CODE, options);
      }
    }
    this.pages.gap(4);
  }

  async #image(attachmentId: string): Promise<void> {
    const bytes = await this.loadImage(attachmentId);
    const image = bytes && (await prepareImage(bytes));
    if (!image) return; // gone or unreadable: the name above is all the transcript shows
    this.pages.gap(3);
    this.pages.image(image, IMAGE_MAX_HEIGHT);
  }

  async #oneLine(text: string, style: TextStyle): Promise<SetLine> {
    const [line] = await typesetParagraph(text, style, Infinity, cjkFaceFor(text), this.fonts);
    return line!;
  }
}

function utcTime(time: string | Date): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return String(time);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
